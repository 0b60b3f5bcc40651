package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.internal.base.BaseManifest;
import io.github.jenkinsdind.core.internal.files.ImageFile;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What reading the base gives: its account files, the digest they were read from, its layers, and
 * what the Jenkins parts of the build need of it.
 *
 * @param files the account files the base has, by absolute path
 * @param digest the digest of the base's image for the build's platform
 * @param layers the base's layers, bottom-up, as its manifest lists them (empty when the base's
 *     files came from the cache and its source listed none)
 * @param env the environment of the base's config, {@code NAME=value} entries; read only when
 *     plugins or the setup wizard need it, else empty
 * @param jenkinsVersion the base's Jenkins version ({@code JENKINS_VERSION}, else the war's
 *     manifest), read only when plugins are asked for; {@code null} if not read or not known
 * @param bundled the plugins the base's war bundles, id to version, read only when plugins are
 *     resolved; empty otherwise
 */
record BaseRead(
    Map<String, ImageFile> files,
    String digest,
    List<BaseManifest.Layer> layers,
    List<String> env,
    String jenkinsVersion,
    Map<String, String> bundled) {
  /** Checks and copies the parts. */
  BaseRead {
    files = Map.copyOf(files);
    Objects.requireNonNull(digest, "digest");
    layers = List.copyOf(layers);
    env = List.copyOf(env);
    bundled = Map.copyOf(bundled);
  }

  /**
   * What reading the base gives when nothing of Jenkins is needed.
   *
   * @param files the account files
   * @param digest the digest
   * @param layers the layers
   */
  BaseRead(Map<String, ImageFile> files, String digest, List<BaseManifest.Layer> layers) {
    this(files, digest, layers, List.of(), null, Map.of());
  }
}
