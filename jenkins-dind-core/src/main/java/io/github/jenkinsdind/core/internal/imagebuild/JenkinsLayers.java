package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.JenkinsConfig;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.accounts.AccountFiles;
import io.github.jenkinsdind.core.internal.accounts.EtcPasswd;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import io.github.jenkinsdind.core.internal.plugins.PluginFile;
import io.github.jenkinsdind.core.internal.plugins.PluginSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The layers of Jenkins's own files, after the account files, each only when asked for:
 *
 * <ol>
 *   <li>{@value #PLUGINS}: every plugin at {@code /usr/share/jenkins/ref/plugins/<id>.jpi}, 0644,
 *       owned by the image's Jenkins user (its UID and GID in the edited {@code /etc/passwd}), in
 *       id order, so that the layer changes only when the set does;
 *   <li>{@value #INIT_SCRIPTS}: the init scripts in {@value JenkinsConfig#INIT_SCRIPTS_DIRECTORY},
 *       0644, owned by the Jenkins user;
 *   <li>{@value #CASC}: the configuration as code in {@value JenkinsConfig#CASC_DIRECTORY}, 0644
 *       and owned by root (Jenkins reads it, never writes it), last because it changes most often.
 * </ol>
 *
 * <p>The directories under {@code /usr/share/jenkins/ref} are entries of their own, 0755 and owned
 * by the Jenkins user as in the official image, so that the layer does not hand them to root. Every
 * entry has Jib's fixed modification time: the same files give the same layer digest.
 */
final class JenkinsLayers {
  static final String PLUGINS = "jenkins-plugins";
  static final String INIT_SCRIPTS = "jenkins-init-scripts";
  static final String CASC = "jenkins-casc";
  private static final String REF = "/usr/share/jenkins/ref";

  private final String owner;
  private final Path directorySource;
  private final List<FileEntriesLayer> layers = new ArrayList<>();

  private JenkinsLayers(String owner, Path directorySource) {
    this.owner = owner;
    this.directorySource = directorySource;
  }

  /**
   * Plans the layers.
   *
   * @param layout the cache (an empty directory there stands in for the directory entries)
   * @param plugins the plugins
   * @param config the configuration as code and init scripts
   * @param accounts the edited account files
   * @param user the Jenkins user's name
   * @return the layers, perhaps none
   * @throws EnvironmentException if a file cannot be read or the cache written
   */
  static List<FileEntriesLayer> of(
      CacheLayout layout,
      PluginSet plugins,
      JenkinsConfig config,
      AccountFiles accounts,
      String user)
      throws EnvironmentException {
    if (plugins.isEmpty() && config.casc() == null && config.initScripts().isEmpty()) {
      return List.of();
    }
    JenkinsLayers plan = new JenkinsLayers(owner(accounts, user), emptyDirectory(layout));
    if (!plugins.isEmpty()) {
      FileEntriesLayer.Builder layer = plan.refLayer(PLUGINS, PluginFile.IMAGE_DIRECTORY);
      for (PluginFile plugin : plugins.plugins()) {
        layer.addEntry(plan.file(plugin.file(), plugin.imagePath(), plan.owner));
      }
      plan.layers.add(layer.build());
    }
    if (!config.initScripts().isEmpty()) {
      FileEntriesLayer.Builder layer =
          plan.refLayer(INIT_SCRIPTS, JenkinsConfig.INIT_SCRIPTS_DIRECTORY);
      for (Path script : config.initScripts()) {
        String target = JenkinsConfig.INIT_SCRIPTS_DIRECTORY + "/" + script.getFileName();
        layer.addEntry(plan.file(script, target, plan.owner));
      }
      plan.layers.add(layer.build());
    }
    if (config.casc() != null) {
      plan.layers.add(plan.cascLayer(config.casc()));
    }
    return List.copyOf(plan.layers);
  }

  /**
   * Where {@code CASC_JENKINS_CONFIG} points: the file for a file, the directory for a directory.
   *
   * @param casc the configuration as code given
   * @return the path in the image
   */
  static String cascPath(Path casc) {
    return Files.isDirectory(casc)
        ? JenkinsConfig.CASC_DIRECTORY
        : JenkinsConfig.CASC_DIRECTORY + "/" + casc.getFileName();
  }

  private FileEntriesLayer.Builder refLayer(String name, String directory) {
    return FileEntriesLayer.builder()
        .setName(name)
        .addEntry(directory(REF, owner))
        .addEntry(directory(directory, owner));
  }

  private FileEntriesLayer cascLayer(Path casc) throws EnvironmentException {
    FileEntriesLayer.Builder layer =
        FileEntriesLayer.builder()
            .setName(CASC)
            .addEntry(directory(JenkinsConfig.CASC_DIRECTORY, "0:0"));
    if (!Files.isDirectory(casc)) {
      return layer.addEntry(file(casc, cascPath(casc), "0:0")).build();
    }
    try (Stream<Path> tree = Files.walk(casc)) {
      for (Path p : tree.sorted(Comparator.comparing(Path::toString)).toList()) {
        if (p.equals(casc)) {
          continue;
        }
        String target =
            JenkinsConfig.CASC_DIRECTORY + "/" + casc.relativize(p).toString().replace('\\', '/');
        layer.addEntry(Files.isDirectory(p) ? directory(target, "0:0") : file(p, target, "0:0"));
      }
    } catch (IOException e) {
      throw new EnvironmentException(
          "could not read the configuration as code in " + casc + ": " + e.getMessage(),
          Setting.CASC,
          casc.toString(),
          "perhaps you should check that the directory is readable",
          e);
    }
    return layer.build();
  }

  private FileEntry file(Path source, String target, String ownership) {
    return new FileEntry(
        source,
        AbsoluteUnixPath.get(target),
        FilePermissions.fromOctalString("644"),
        FileEntriesLayer.DEFAULT_MODIFICATION_TIME,
        ownership);
  }

  private FileEntry directory(String target, String ownership) {
    return new FileEntry(
        directorySource,
        AbsoluteUnixPath.get(target),
        FilePermissions.fromOctalString("755"),
        FileEntriesLayer.DEFAULT_MODIFICATION_TIME,
        ownership);
  }

  private static String owner(AccountFiles accounts, String user) {
    return EtcPasswd.parse(accounts.passwd().content())
        .user(user)
        .map(u -> u.uid() + ":" + u.gid())
        .orElse("0:0");
  }

  /** An empty directory of the cache, whose metadata Jib reads for the directory entries. */
  private static Path emptyDirectory(CacheLayout layout) throws EnvironmentException {
    Path dir = layout.jenkinsPlugins().resolve("empty-directory");
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new EnvironmentException(
          "could not create " + dir + ": " + e.getMessage(),
          Setting.CACHE_DIRECTORY,
          dir.toString(),
          "perhaps you should point cacheDirectory at a writable directory",
          e);
    }
  }
}
