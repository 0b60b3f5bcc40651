package io.github.jenkinsdind.core.internal.base;

import io.github.jenkinsdind.core.api.ImagePlatform;
import java.util.List;
import java.util.Objects;

/**
 * A base image resolved for one platform: its digest (the cache key) and its layers.
 *
 * @param digest the platform manifest's digest for a registry base; the image ID (config digest)
 *     for a daemon or tar base; {@code sha256:...}
 * @param platform the platform of the image
 * @param layers the layers, bottom-up as in the manifest
 * @param configDigest the digest of the image's config blob in a registry, or {@code null} when the
 *     source reads its config otherwise
 */
public record BaseManifest(
    String digest, ImagePlatform platform, List<Layer> layers, String configDigest) {
  /**
   * Checks and copies the parts.
   *
   * @param digest the digest
   * @param platform the platform
   * @param layers the layers
   * @param configDigest the config blob's digest, or {@code null}
   */
  public BaseManifest {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(platform, "platform");
    layers = List.copyOf(layers);
  }

  /**
   * A manifest whose config is not read from a registry.
   *
   * @param digest the digest
   * @param platform the platform
   * @param layers the layers
   */
  public BaseManifest(String digest, ImagePlatform platform, List<Layer> layers) {
    this(digest, platform, layers, null);
  }

  /**
   * A layer of the base.
   *
   * @param digest the blob digest (for a tar base, the layer's path in the tar may stand in)
   * @param size the blob size in bytes, or -1 when not known
   * @param mediaType the media type, or {@code null} when not known (compression is then sniffed)
   */
  public record Layer(String digest, long size, String mediaType) {}
}
