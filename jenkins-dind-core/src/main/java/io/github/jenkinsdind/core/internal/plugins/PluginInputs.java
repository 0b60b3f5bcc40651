package io.github.jenkinsdind.core.internal.plugins;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.JenkinsPlugins;
import io.github.jenkinsdind.core.api.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads what plugins the user asked for: {@code plugins} entries and a {@code pluginsFile} in the
 * plugins.txt syntax ({@code id}, {@code id:version}, {@code id:version:url}, {@code id::url}, with
 * {@code latest} and {@code experimental} as versions and {@code #} comments) or a plugins.yaml
 * ({@link PluginsYaml}). Errors name the setting and the entry or line.
 */
public final class PluginInputs {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+~-]*");

  private PluginInputs() {}

  /**
   * Reads every plugin a request asks for, entries first, then the file's; an id asked for twice is
   * an error.
   *
   * @param request the request
   * @return the plugins, in the order given
   * @throws ConfigurationException naming the setting and the line of a malformed or repeated entry
   */
  public static List<PluginSpec> read(JenkinsPlugins request) throws ConfigurationException {
    List<PluginSpec> specs = new ArrayList<>();
    int n = 0;
    for (String entry : request.plugins()) {
      n++;
      if (entry == null || entry.isBlank()) {
        continue;
      }
      specs.add(parse(entry.strip(), Setting.PLUGINS, "entry " + n + " '" + entry.strip() + "'"));
    }
    if (request.pluginsFile() != null) {
      specs.addAll(readFile(request.pluginsFile()));
    }
    Map<String, PluginSpec> byId = new LinkedHashMap<>();
    for (PluginSpec spec : specs) {
      PluginSpec earlier = byId.putIfAbsent(spec.id(), spec);
      if (earlier != null) {
        throw new ConfigurationException(
            "plugin "
                + spec.id()
                + " is asked for twice: in "
                + earlier.origin()
                + " and in "
                + spec.origin(),
            spec.setting(),
            spec.id(),
            "perhaps you should keep only one of them");
      }
    }
    return List.copyOf(byId.values());
  }

  /**
   * Reads a plugins.txt, or a plugins.yaml if its name ends in {@code .yaml} or {@code .yml}.
   *
   * @param file the file
   * @return its plugins, in order
   * @throws ConfigurationException naming {@link Setting#PLUGINS_FILE} if it cannot be read or is
   *     malformed
   */
  public static List<PluginSpec> readFile(Path file) throws ConfigurationException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigurationException(
          "the plugins file " + file + " cannot be read: " + e,
          Setting.PLUGINS_FILE,
          file.toString(),
          "perhaps you should check that " + Setting.PLUGINS_FILE.key() + " names a readable file",
          e);
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return PluginsYaml.parse(text, file.getFileName().toString());
    }
    return parseText(text, file.getFileName().toString());
  }

  /**
   * Reads a plugins.txt's text.
   *
   * @param text the text
   * @param fileName the file's name, for messages
   * @return its plugins, in order
   * @throws ConfigurationException naming {@link Setting#PLUGINS_FILE} and the line of a malformed
   *     entry
   */
  public static List<PluginSpec> parseText(String text, String fileName)
      throws ConfigurationException {
    List<PluginSpec> specs = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int comment = line.indexOf('#');
      String entry = (comment >= 0 ? line.substring(0, comment) : line).strip();
      if (!entry.isEmpty()) {
        specs.add(parse(entry, Setting.PLUGINS_FILE, "line " + (i + 1) + " of " + fileName));
      }
    }
    return specs;
  }

  /**
   * Reads one entry in the plugins.txt syntax.
   *
   * @param entry the entry, stripped
   * @param setting the setting it is in
   * @param where where in the setting
   * @return the plugin
   * @throws ConfigurationException naming the setting and where if it is malformed
   */
  public static PluginSpec parse(String entry, Setting setting, String where)
      throws ConfigurationException {
    String[] parts = entry.split(":", 3);
    String id = parts[0].strip();
    String version = parts.length > 1 ? parts[1].strip() : "";
    String url = parts.length > 2 ? parts[2].strip() : "";
    if (!ID.matcher(id).matches()) {
      throw malformed(entry, setting, where, "'" + id + "' is not a plugin id");
    }
    if (parts.length > 2 && url.isEmpty()) {
      throw malformed(entry, setting, where, "the URL after the second ':' is empty");
    }
    if (!url.isEmpty()) {
      if (!url.matches("(?i)(https?|file):.+")) {
        throw malformed(entry, setting, where, "'" + url + "' is not an http, https or file URL");
      }
      checkVersion(entry, setting, where, version, true);
      return new PluginSpec(
          id, PluginSpec.Kind.URL, version.isEmpty() ? null : version, url, setting, where);
    }
    if (parts.length > 1 && version.isEmpty()) {
      throw malformed(entry, setting, where, "the version after ':' is empty");
    }
    if (version.isEmpty()) {
      return new PluginSpec(id, PluginSpec.Kind.UNPINNED, null, null, setting, where);
    }
    if (version.equals("latest")) {
      return new PluginSpec(id, PluginSpec.Kind.LATEST, null, null, setting, where);
    }
    if (version.equals("experimental")) {
      return new PluginSpec(id, PluginSpec.Kind.EXPERIMENTAL, null, null, setting, where);
    }
    checkVersion(entry, setting, where, version, false);
    return new PluginSpec(id, PluginSpec.Kind.PINNED, version, null, setting, where);
  }

  private static void checkVersion(
      String entry, Setting setting, String where, String version, boolean mayBeEmpty)
      throws ConfigurationException {
    if (version.isEmpty() && mayBeEmpty) {
      return;
    }
    if (version.startsWith("incrementals;")) {
      throw malformed(entry, setting, where, "incrementals versions are not supported");
    }
    if (!VERSION.matcher(version).matches()) {
      throw malformed(entry, setting, where, "'" + version + "' is not a version");
    }
  }

  private static ConfigurationException malformed(
      String entry, Setting setting, String where, String why) {
    return new ConfigurationException(
        "the plugin entry '"
            + entry
            + "' in "
            + setting.key()
            + " ("
            + where
            + ") is malformed: "
            + why,
        setting,
        entry,
        "perhaps you should write it as id, id:version, id:version:url or id::url, for example"
            + " git:5.2.0");
  }
}
