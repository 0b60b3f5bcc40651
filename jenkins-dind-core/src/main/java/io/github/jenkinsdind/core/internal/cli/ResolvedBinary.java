package io.github.jenkinsdind.core.internal.cli;

import io.github.jenkinsdind.core.api.ImageBinary;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A binary ready to be layered at its path in the image: the docker CLI or a CLI plugin.
 *
 * @param kind which binary it is
 * @param binary the binary, a regular file in the cache directory
 * @param binarySha256 the sha256 of the binary (hex)
 * @param fileSha256 the sha256 of the file it came from: the downloaded or local {@code .tgz}, or
 *     the binary itself when that was given bare
 * @param version the version, as configured
 * @param source where it came from: the download URL or the local file's path
 */
public record ResolvedBinary(
    BinaryKind kind,
    Path binary,
    String binarySha256,
    String fileSha256,
    String version,
    String source) {
  /**
   * Checks the parts.
   *
   * @param kind the kind
   * @param binary the binary
   * @param binarySha256 its sha256
   * @param fileSha256 the source file's sha256
   * @param version the version
   * @param source the URL or path
   */
  public ResolvedBinary {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(binary, "binary");
    Objects.requireNonNull(binarySha256, "binarySha256");
    Objects.requireNonNull(fileSha256, "fileSha256");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(source, "source");
  }

  /**
   * Describes it for the build's result.
   *
   * @return the name, version, path in the image and sha256
   */
  public ImageBinary describe() {
    return new ImageBinary(kind.key(), version, kind.imagePath(), binarySha256);
  }
}
