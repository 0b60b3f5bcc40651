/**
 * Owns multi-platform images: the image index as a pure value ({@link
 * io.github.jenkinsdind.core.internal.index.ImageIndex}, OCI index or Docker manifest list,
 * reproducible bytes), pushing it to a registry once each platform's image is there ({@link
 * io.github.jenkinsdind.core.internal.index.IndexPush}), writing one OCI image layout tar of
 * several single-platform images ({@link io.github.jenkinsdind.core.internal.index.OciLayoutTar}),
 * and the pure parsers of the settings that go with it: {@code platforms} ({@link
 * io.github.jenkinsdind.core.internal.index.PlatformChoice}) and the per-architecture values of a
 * setting such as the docker CLI's sha256 ({@link
 * io.github.jenkinsdind.core.internal.index.ArchitectureValues}). It may use the API, {@code jib}
 * (for jib-core's registry client) and {@code files}; it builds no image itself, and knows nothing
 * of the build's steps, which call it once every platform is built.
 */
package io.github.jenkinsdind.core.internal.index;
