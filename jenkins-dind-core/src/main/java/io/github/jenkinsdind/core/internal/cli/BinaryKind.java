package io.github.jenkinsdind.core.internal.cli;

import io.github.jenkinsdind.core.api.BinarySettings;
import io.github.jenkinsdind.core.api.DockerCliPlugin;

/**
 * The binaries a build puts into the image, each with where it goes, the settings that choose it,
 * and how its downloads name architectures (the docker CLI, buildx and compose each differ).
 */
public enum BinaryKind {
  /** The docker CLI, from Docker's static tarball or a bare binary. */
  DOCKER_CLI("docker", "docker CLI", "/usr/local/bin/docker", BinarySettings.DOCKER_CLI),
  /** The buildx CLI plugin, a bare binary. */
  BUILDX(
      "buildx",
      "docker buildx plugin",
      "/usr/local/libexec/docker/cli-plugins/docker-buildx",
      DockerCliPlugin.Name.BUILDX.settings()),
  /** The compose CLI plugin, a bare binary. */
  COMPOSE(
      "compose",
      "docker compose plugin",
      "/usr/local/libexec/docker/cli-plugins/docker-compose",
      DockerCliPlugin.Name.COMPOSE.settings());

  private final String key;
  private final String noun;
  private final String imagePath;
  private final BinarySettings settings;

  BinaryKind(String key, String noun, String imagePath, BinarySettings settings) {
    this.key = key;
    this.noun = noun;
    this.imagePath = imagePath;
    this.settings = settings;
  }

  /**
   * Returns the kind of a CLI plugin.
   *
   * @param name the plugin
   * @return its kind
   */
  public static BinaryKind of(DockerCliPlugin.Name name) {
    return name == DockerCliPlugin.Name.BUILDX ? BUILDX : COMPOSE;
  }

  /**
   * Returns the short name: {@code docker}, {@code buildx} or {@code compose}.
   *
   * @return the name
   */
  public String key() {
    return key;
  }

  /**
   * Returns what it is in words, for messages.
   *
   * @return for example {@code docker buildx plugin}
   */
  public String noun() {
    return noun;
  }

  /**
   * Returns where it goes in the image.
   *
   * @return an absolute path
   */
  public String imagePath() {
    return imagePath;
  }

  /**
   * Returns the file name of the binary: the last part of {@link #imagePath()}.
   *
   * @return for example {@code docker-buildx}
   */
  public String fileName() {
    return imagePath.substring(imagePath.lastIndexOf('/') + 1);
  }

  /**
   * Returns the name of its image layer.
   *
   * @return {@code docker-cli}, {@code docker-buildx} or {@code docker-compose}
   */
  public String layerName() {
    return this == DOCKER_CLI ? "docker-cli" : fileName();
  }

  /**
   * Says whether its file may be a tarball that holds it (only Docker's static CLI comes so).
   *
   * @return whether a tarball is accepted
   */
  public boolean comesInTarballs() {
    return this == DOCKER_CLI;
  }

  /**
   * Returns the settings that choose it.
   *
   * @return its version, URL, file and sha256 settings
   */
  public BinarySettings settings() {
    return settings;
  }
}
