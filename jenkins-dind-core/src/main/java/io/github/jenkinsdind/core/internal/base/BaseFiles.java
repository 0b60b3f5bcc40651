package io.github.jenkinsdind.core.internal.base;

import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.internal.files.ImageFile;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Files read out of a base image, for one platform.
 *
 * @param baseDigest the base's digest, {@code sha256:...} (see {@link BaseManifest#digest()})
 * @param platform the base's platform
 * @param files the wanted files the base has, by absolute path; a wanted path not in it is absent
 *     from the base
 * @param layersRead how many layers were opened; 0 when the files came from the cache
 * @param bytesRead how many layer bytes were read, as stored (compressed); 0 from the cache
 */
public record BaseFiles(
    String baseDigest,
    ImagePlatform platform,
    Map<String, ImageFile> files,
    int layersRead,
    long bytesRead) {
  /**
   * Checks and copies the parts.
   *
   * @param baseDigest the digest
   * @param platform the platform
   * @param files the files
   * @param layersRead the layers opened
   * @param bytesRead the bytes read
   */
  public BaseFiles {
    Objects.requireNonNull(baseDigest, "baseDigest");
    Objects.requireNonNull(platform, "platform");
    files = Map.copyOf(files);
  }

  /**
   * Returns a file of the base.
   *
   * @param path an absolute path that was asked for, for example {@code /etc/group}
   * @return the file, or empty if the base does not have it
   */
  public Optional<ImageFile> file(String path) {
    return Optional.ofNullable(files.get(path));
  }
}
