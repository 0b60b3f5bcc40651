package io.github.jenkinsdind.core.api;

import java.util.Objects;

/**
 * The settings that choose one binary of the image (the docker CLI or a CLI plugin), so that an
 * error about it names the one to change.
 *
 * @param version the version to download
 * @param url the download URL template
 * @param file the local file that wins over the download
 * @param sha256 the expected sha256 of the file
 */
public record BinarySettings(Setting version, Setting url, Setting file, Setting sha256) {
  /** The docker CLI's settings. */
  public static final BinarySettings DOCKER_CLI =
      new BinarySettings(
          Setting.DOCKER_VERSION,
          Setting.DOCKER_CLIENT_URL,
          Setting.DOCKER_CLIENT,
          Setting.DOCKER_CLIENT_SHA256);

  /**
   * Checks the parts.
   *
   * @param version the version setting
   * @param url the URL setting
   * @param file the file setting
   * @param sha256 the sha256 setting
   */
  public BinarySettings {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sha256, "sha256");
  }
}
