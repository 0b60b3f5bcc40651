package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.internal.base.BaseManifest;
import io.github.jenkinsdind.core.internal.files.ImageFile;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What reading the base gives: its account files, the digest they were read from, and its layers.
 *
 * @param files the account files the base has, by absolute path
 * @param digest the digest of the base's image for the build's platform
 * @param layers the base's layers, bottom-up, as its manifest lists them (empty when the base's
 *     files came from the cache and its source listed none)
 */
record BaseRead(Map<String, ImageFile> files, String digest, List<BaseManifest.Layer> layers) {
  /** Checks and copies the parts. */
  BaseRead {
    files = Map.copyOf(files);
    Objects.requireNonNull(digest, "digest");
    layers = List.copyOf(layers);
  }
}
