package io.github.jenkinsdind.core.api;

import java.util.Objects;

/**
 * A binary a build put into the image: the docker CLI or one of its plugins.
 *
 * @param name what it is: {@code docker}, {@code buildx} or {@code compose}
 * @param version its version, as configured
 * @param path where it is in the image, for example {@code
 *     /usr/local/libexec/docker/cli-plugins/docker-buildx}
 * @param sha256 the sha256 of the binary in the image (hex)
 */
public record ImageBinary(String name, String version, String path, String sha256) {
  /**
   * Checks the parts.
   *
   * @param name the name
   * @param version the version
   * @param path the path in the image
   * @param sha256 the sha256
   */
  public ImageBinary {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
  }
}
