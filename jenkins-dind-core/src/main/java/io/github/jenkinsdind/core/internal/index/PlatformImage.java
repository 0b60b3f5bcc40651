package io.github.jenkinsdind.core.internal.index;

import java.util.Objects;

/**
 * One platform's image of a multi-platform build: its platform and its manifest's digest.
 *
 * @param platform the platform
 * @param digest the digest of its image manifest, {@code sha256:...}
 */
public record PlatformImage(IndexPlatform platform, String digest) {
  /** Checks the parts. */
  public PlatformImage {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(digest, "digest");
  }
}
