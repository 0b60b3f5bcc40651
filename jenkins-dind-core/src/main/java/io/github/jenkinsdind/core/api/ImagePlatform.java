package io.github.jenkinsdind.core.api;

import java.util.Objects;

/**
 * An image platform, {@code os/architecture} as in OCI image indexes, for example {@code
 * linux/amd64}.
 *
 * @param os the operating system, for example {@code linux}
 * @param architecture the architecture, for example {@code amd64} or {@code arm64}
 */
public record ImagePlatform(String os, String architecture) {
  /** {@code linux/amd64}, the default. */
  public static final ImagePlatform LINUX_AMD64 = new ImagePlatform("linux", "amd64");

  /**
   * Checks the parts.
   *
   * @param os the operating system
   * @param architecture the architecture
   */
  public ImagePlatform {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(architecture, "architecture");
  }

  /**
   * Reads {@code os/architecture}.
   *
   * @param text for example {@code linux/arm64}
   * @return the platform
   * @throws ConfigurationException if the text is not of that form
   */
  public static ImagePlatform parse(String text) throws ConfigurationException {
    String[] parts = text == null ? new String[0] : text.trim().split("/", -1);
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new ConfigurationException(
          "'" + text + "' is not a platform of the form os/architecture",
          Setting.PLATFORM,
          text,
          "perhaps you should set it to linux/amd64 or linux/arm64");
    }
    return new ImagePlatform(parts[0], parts[1]);
  }

  @Override
  public String toString() {
    return os + "/" + architecture;
  }
}
