package io.github.jenkinsdind.core.internal.cli;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.download.Sha256;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file the docker CLI is taken from.
 *
 * @param file the file: the local file or the cached download
 * @param sha256 its sha256
 * @param source the local path or the URL, as reported
 * @param url the URL it was downloaded from; empty for a local file
 */
record CliOrigin(Path file, String sha256, String source, Optional<URI> url) {
  /** A local file. */
  static CliOrigin local(Path file, String sha256) {
    return new CliOrigin(file, sha256, file.toString(), Optional.empty());
  }

  /** A download, cached in a file. */
  static CliOrigin downloaded(Path file, String sha256, URI url) {
    return new CliOrigin(file, sha256, url.toString(), Optional.of(url));
  }

  boolean downloaded() {
    return url.isPresent();
  }

  Setting setting() {
    return downloaded() ? Setting.DOCKER_CLIENT_URL : Setting.DOCKER_CLIENT;
  }

  String value() {
    return source;
  }

  String describe() {
    return url.map(u -> "downloaded from " + u).orElse(source);
  }

  /**
   * Checks and hashes a configured local file.
   *
   * @param file the file, as configured
   * @return the origin
   * @throws JenkinsDindException if it is missing, not a regular file or unreadable
   */
  static CliOrigin ofLocalFile(Path file) throws JenkinsDindException {
    Path path = file.toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      throw new ConfigurationException(
          "the docker CLI file " + path + " does not exist",
          Setting.DOCKER_CLIENT,
          file.toString(),
          "perhaps you should fix the path in "
              + Setting.DOCKER_CLIENT.key()
              + ", or remove it to download the docker CLI");
    }
    if (!Files.isRegularFile(path)) {
      throw new ConfigurationException(
          "the docker CLI file " + path + " is not a regular file",
          Setting.DOCKER_CLIENT,
          file.toString(),
          "perhaps you should set "
              + Setting.DOCKER_CLIENT.key()
              + " to the docker binary or the docker-VERSION.tgz file itself");
    }
    try {
      return local(path, Sha256.ofFile(path));
    } catch (IOException e) {
      throw new ConfigurationException(
          "the docker CLI file " + path + " cannot be read: " + e,
          Setting.DOCKER_CLIENT,
          file.toString(),
          "perhaps you should check its permissions",
          e);
    }
  }

  /** Tells whether the file is a gzip-compressed tarball (else it should be a bare binary). */
  boolean isTarball() throws JenkinsDindException {
    try {
      return CliArchive.isGzip(file);
    } catch (IOException e) {
      throw new EnvironmentException(
          "the docker CLI file " + describe() + " cannot be read: " + e,
          setting(),
          value(),
          "perhaps you should check its permissions",
          e);
    }
  }
}
