/**
 * Owns the reading of a base image: where it comes from ({@link
 * io.github.jenkinsdind.core.internal.base.RegistryBaseSource}, {@link
 * io.github.jenkinsdind.core.internal.base.DaemonBaseSource}, {@link
 * io.github.jenkinsdind.core.internal.base.TarBaseSource}), resolving it to the manifest of one
 * platform, walking its layers top-down for a few files ({@link
 * io.github.jenkinsdind.core.internal.base.LayerWalker}) and caching what was found by base digest
 * ({@link io.github.jenkinsdind.core.internal.base.BaseFilesCache}); {@link
 * io.github.jenkinsdind.core.internal.base.BaseImageReader} puts them together. It may use the API,
 * {@code files}, {@code registry} (credentials, preflight, error translation), {@code daemon} (the
 * Engine's client settings), {@code jib} (the registry client wrapper) and jib-core's public API,
 * but never jib-core's internals directly.
 */
package io.github.jenkinsdind.core.internal.base;
