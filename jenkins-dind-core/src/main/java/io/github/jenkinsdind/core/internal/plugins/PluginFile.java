package io.github.jenkinsdind.core.internal.plugins;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A plugin in the cache, checked against its sha256, ready to be put into the image at {@link
 * #imagePath()}.
 *
 * @param plugin the plugin
 * @param file the file in the cache
 */
public record PluginFile(LockedPlugin plugin, Path file) {
  /** Where the official image's start script copies plugins from into {@code JENKINS_HOME}. */
  public static final String IMAGE_DIRECTORY = "/usr/share/jenkins/ref/plugins";

  /** Checks the parts. */
  public PluginFile {
    Objects.requireNonNull(plugin, "plugin");
    Objects.requireNonNull(file, "file");
  }

  /**
   * Returns the file's path in the image.
   *
   * @return {@code /usr/share/jenkins/ref/plugins/<id>.jpi}
   */
  public String imagePath() {
    return IMAGE_DIRECTORY + "/" + plugin.id() + ".jpi";
  }
}
