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
 * A file a binary of the image is taken from.
 *
 * @param kind which binary
 * @param file the file: the local file or the cached download
 * @param sha256 its sha256
 * @param source the local path or the URL, as reported
 * @param url the URL it was downloaded from; empty for a local file
 */
record CliOrigin(BinaryKind kind, Path file, String sha256, String source, Optional<URI> url) {
  /** A download, cached in a file. */
  static CliOrigin downloaded(BinaryKind kind, Path file, String sha256, URI url) {
    return new CliOrigin(kind, file, sha256, url.toString(), Optional.of(url));
  }

  boolean downloaded() {
    return url.isPresent();
  }

  Setting setting() {
    return downloaded() ? kind.settings().url() : kind.settings().file();
  }

  String value() {
    return source;
  }

  String describe() {
    return "the " + kind.noun() + " file " + url.map(u -> "downloaded from " + u).orElse(source);
  }

  /**
   * Checks and hashes a configured local file.
   *
   * @param kind which binary
   * @param file the file, as configured
   * @return the origin
   * @throws JenkinsDindException if it is missing, not a regular file or unreadable
   */
  static CliOrigin ofLocalFile(BinaryKind kind, Path file) throws JenkinsDindException {
    Path path = file.toAbsolutePath().normalize();
    Setting setting = kind.settings().file();
    if (!Files.exists(path)) {
      throw new ConfigurationException(
          "the " + kind.noun() + " file " + path + " does not exist",
          setting,
          file.toString(),
          "perhaps you should fix the path in "
              + setting.key()
              + ", or remove it to download the "
              + kind.noun());
    }
    if (!Files.isRegularFile(path)) {
      throw new ConfigurationException(
          "the " + kind.noun() + " file " + path + " is not a regular file",
          setting,
          file.toString(),
          "perhaps you should set " + setting.key() + " to the " + kind.noun() + " file itself");
    }
    try {
      return new CliOrigin(kind, path, Sha256.ofFile(path), path.toString(), Optional.empty());
    } catch (IOException e) {
      throw new ConfigurationException(
          "the " + kind.noun() + " file " + path + " cannot be read: " + e,
          setting,
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
          describe() + " cannot be read: " + e,
          setting(),
          value(),
          "perhaps you should check its permissions",
          e);
    }
  }
}
