package io.github.jenkinsdind.core.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the docker CLI binary put at {@code /usr/local/bin/docker} comes from: the official static
 * tarball, downloaded once into the cache, or a local file (an official-layout {@code .tgz} or a
 * bare binary), which wins over the download.
 *
 * @param version the docker CLI version to download, for example {@code 29.7.2}; also recorded in
 *     the image's labels
 * @param urlTemplate the download URL, with {@code {arch}} and {@code {version}} placeholders
 * @param localFile a local binary or {@code .tgz}, or {@code null} to download
 * @param sha256 the expected sha256 of the downloaded or local file (hex), or {@code null}
 * @param requireSha256 whether a missing {@code sha256} is an error (for release builds)
 * @param localFiles local binaries or {@code .tgz} files by architecture, as platforms name them
 *     ({@code amd64}, {@code arm64}, {@code arm-v7}, {@code ppc64le}, {@code s390x}), for a
 *     multi-platform image: each platform takes its architecture's file, and a platform whose
 *     architecture has none downloads; empty when {@code localFile} or the download serves. With
 *     several platforms, {@code sha256} may likewise be {@code amd64=…,arm64=…} pairs.
 */
public record DockerCli(
    String version,
    String urlTemplate,
    Path localFile,
    String sha256,
    boolean requireSha256,
    Map<String, Path> localFiles) {

  /** The default version of the docker CLI. */
  public static final String DEFAULT_VERSION = "29.7.2";

  /** The official static tarball URL template. */
  public static final String DEFAULT_URL_TEMPLATE =
      "https://download.docker.com/linux/static/stable/{arch}/docker-{version}.tgz";

  /**
   * Checks the parts.
   *
   * @param version the version
   * @param urlTemplate the URL template
   * @param localFile the local file, or {@code null}
   * @param sha256 the sha256, or {@code null}
   * @param requireSha256 whether a sha256 is required
   * @param localFiles the local files by architecture, or empty
   */
  public DockerCli {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(urlTemplate, "urlTemplate");
    localFiles = localFiles == null ? Map.of() : Map.copyOf(localFiles);
  }

  /**
   * A source without local files by architecture.
   *
   * @param version the version
   * @param urlTemplate the URL template
   * @param localFile the local file, or {@code null}
   * @param sha256 the sha256, or {@code null}
   * @param requireSha256 whether a sha256 is required
   */
  public DockerCli(
      String version, String urlTemplate, Path localFile, String sha256, boolean requireSha256) {
    this(version, urlTemplate, localFile, sha256, requireSha256, Map.of());
  }

  /**
   * The official static CLI of a version, downloaded from Docker.
   *
   * @param version the version
   * @return the source
   */
  public static DockerCli download(String version) {
    return new DockerCli(version, DEFAULT_URL_TEMPLATE, null, null, false);
  }

  /**
   * A local binary or official-layout {@code .tgz}.
   *
   * @param file the file
   * @param version the version recorded in the image's labels
   * @return the source
   */
  public static DockerCli localFile(Path file, String version) {
    return new DockerCli(version, DEFAULT_URL_TEMPLATE, file, null, false);
  }

  /**
   * Returns a copy with the expected sha256.
   *
   * @param expectedSha256 the sha256, hex
   * @return the copy
   */
  public DockerCli withSha256(String expectedSha256) {
    return new DockerCli(
        version, urlTemplate, localFile, expectedSha256, requireSha256, localFiles);
  }

  /**
   * Returns a copy with another download URL template.
   *
   * @param template the template, with {@code {arch}} and {@code {version}}
   * @return the copy
   */
  public DockerCli withUrlTemplate(String template) {
    return new DockerCli(version, template, localFile, sha256, requireSha256, localFiles);
  }

  /**
   * Returns a copy that requires (or not) a pinned sha256.
   *
   * @param required whether it is required
   * @return the copy
   */
  public DockerCli withRequireSha256(boolean required) {
    return new DockerCli(version, urlTemplate, localFile, sha256, required, localFiles);
  }

  /**
   * Returns a copy that takes a local file per architecture, for a multi-platform image.
   *
   * @param files the files by architecture key ({@code amd64}, {@code arm64}, …); empty for none
   * @return the copy
   * @since 0.2.0
   */
  public DockerCli withLocalFiles(Map<String, Path> files) {
    return new DockerCli(version, urlTemplate, localFile, sha256, requireSha256, files);
  }

  /**
   * Returns the local file, if one is set.
   *
   * @return the local file
   */
  public Optional<Path> local() {
    return Optional.ofNullable(localFile);
  }

  /**
   * Returns the expected sha256, if one is set.
   *
   * @return the sha256
   */
  public Optional<String> expectedSha256() {
    return Optional.ofNullable(sha256);
  }
}
