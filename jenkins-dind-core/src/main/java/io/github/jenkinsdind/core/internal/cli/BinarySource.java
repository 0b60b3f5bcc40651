package io.github.jenkinsdind.core.internal.cli;

import io.github.jenkinsdind.core.api.DockerCli;
import io.github.jenkinsdind.core.api.DockerCliPlugin;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one binary of the image comes from, whatever it is: the docker CLI or a CLI plugin.
 *
 * @param kind which binary
 * @param version the version to download, also recorded in the labels
 * @param urlTemplate the download URL, with {@code {arch}} and {@code {version}}
 * @param localFile a local file that wins over the download, if any
 * @param sha256 the expected sha256 of the file, as configured, if any
 * @param requireSha256 whether a missing pin is an error (a built-in pin counts as one)
 */
public record BinarySource(
    BinaryKind kind,
    String version,
    String urlTemplate,
    Optional<Path> localFile,
    Optional<String> sha256,
    boolean requireSha256) {
  /** Checks the parts. */
  public BinarySource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(urlTemplate, "urlTemplate");
    Objects.requireNonNull(localFile, "localFile");
    Objects.requireNonNull(sha256, "sha256");
  }

  /**
   * The docker CLI as configured.
   *
   * @param cli the configuration
   * @return the source
   */
  public static BinarySource of(DockerCli cli) {
    return new BinarySource(
        BinaryKind.DOCKER_CLI,
        cli.version(),
        cli.urlTemplate(),
        cli.local(),
        cli.expectedSha256(),
        cli.requireSha256());
  }

  /**
   * A CLI plugin as configured.
   *
   * @param plugin the configuration
   * @param requireSha256 whether a pin is required (the docker CLI's switch covers its plugins)
   * @return the source
   */
  public static BinarySource of(DockerCliPlugin plugin, boolean requireSha256) {
    return new BinarySource(
        BinaryKind.of(plugin.name()),
        plugin.version(),
        plugin.urlTemplate(),
        plugin.local(),
        Optional.ofNullable(plugin.sha256()),
        requireSha256);
  }

  /**
   * Returns a copy with another expected sha256: the one of the platform, from a setting that gives
   * one per architecture.
   *
   * @param value the sha256, or empty
   * @return the copy
   */
  public BinarySource withSha256(Optional<String> value) {
    return new BinarySource(kind, version, urlTemplate, localFile, value, requireSha256);
  }
}
