package io.github.jenkinsdind.core.internal.plugins;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.download.CacheFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code plugins.lock}: every plugin of an image with its version, sha256 and URL, one per line in
 * id order, so that it diffs well and a rebuild from it needs no update center.
 *
 * <pre>
 * # jenkins-dind plugins.lock: ...
 * git 5.2.0 0f3c...e1 https://updates.jenkins.io/download/plugins/git/5.2.0/git.hpi
 * </pre>
 */
public final class PluginLock {
  private static final String HEADER =
      "# jenkins-dind plugins.lock: the Jenkins plugins of the image, exactly. Give it back as\n"
          + "# pluginsLockFile to install this set again without an update center.\n"
          + "# id version sha256 url\n";
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private PluginLock() {}

  /**
   * Formats plugins as a lock file's text.
   *
   * @param plugins the plugins, in any order
   * @return the text, plugins ordered by id
   */
  public static String format(List<LockedPlugin> plugins) {
    StringBuilder text = new StringBuilder(HEADER);
    plugins.stream()
        .sorted(Comparator.comparing(LockedPlugin::id))
        .forEach(
            p ->
                text.append(p.id())
                    .append(' ')
                    .append(p.version())
                    .append(' ')
                    .append(p.sha256())
                    .append(' ')
                    .append(p.url())
                    .append('\n'));
    return text.toString();
  }

  /**
   * Writes a lock file atomically.
   *
   * @param plugins the plugins
   * @param file the lock file
   * @throws IOException if it cannot be written
   */
  public static void write(List<LockedPlugin> plugins, Path file) throws IOException {
    Path temporary = CacheFiles.temporaryBeside(file);
    Files.writeString(temporary, format(plugins), StandardCharsets.UTF_8);
    CacheFiles.commit(temporary, file);
  }

  /**
   * Reads a lock file.
   *
   * @param file the lock file
   * @return its plugins, in its order
   * @throws ConfigurationException naming {@link Setting#PLUGINS_LOCK_FILE} and the line if it
   *     cannot be read or is malformed
   */
  public static List<LockedPlugin> read(Path file) throws ConfigurationException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigurationException(
          "the plugins lock file " + file + " cannot be read: " + e,
          Setting.PLUGINS_LOCK_FILE,
          file.toString(),
          "perhaps you should check the path, or build once without "
              + Setting.PLUGINS_LOCK_FILE.key()
              + " to write one",
          e);
    }
    return parse(text, file.getFileName().toString());
  }

  /**
   * Reads a lock file's text.
   *
   * @param text the text
   * @param fileName the file's name, for messages
   * @return its plugins, in its order
   * @throws ConfigurationException naming {@link Setting#PLUGINS_LOCK_FILE} and the line if it is
   *     malformed
   */
  public static List<LockedPlugin> parse(String text, String fileName)
      throws ConfigurationException {
    List<LockedPlugin> plugins = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\s+");
      String where = "line " + (i + 1) + " of " + fileName;
      if (fields.length != 4) {
        throw malformed(where, line, "it must hold 4 fields: id version sha256 url");
      }
      if (!SHA256.matcher(fields[2]).matches()) {
        throw malformed(where, line, "'" + fields[2] + "' is not a sha256 in lower-case hex");
      }
      if (!ids.add(fields[0])) {
        throw malformed(where, line, "plugin " + fields[0] + " is listed twice");
      }
      plugins.add(new LockedPlugin(fields[0], fields[1], fields[2], fields[3]));
    }
    return plugins;
  }

  private static ConfigurationException malformed(String where, String line, String why) {
    return new ConfigurationException(
        "the plugins lock file is malformed at " + where + ": " + why,
        Setting.PLUGINS_LOCK_FILE,
        line,
        "perhaps you should build once without "
            + Setting.PLUGINS_LOCK_FILE.key()
            + " to write a fresh one");
  }
}
