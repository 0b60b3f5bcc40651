/**
 * Owns what the base source and the image build share about registries: where a credential comes
 * from ({@link io.github.jenkinsdind.core.internal.registry.RegistryCredentials}: the caller's
 * provider, then the Docker configuration), a quick preflight check ({@link
 * io.github.jenkinsdind.core.internal.registry.RegistryPreflight}), and the translation of registry
 * failures into the API's exceptions ({@link
 * io.github.jenkinsdind.core.internal.registry.RegistryErrors}, {@link
 * io.github.jenkinsdind.core.internal.registry.RegistryFaults}), whose suggestions are {@code
 * api.Suggestion} parts. It may use the API, {@code jib} (credential lookup, failure recognition)
 * and jib-core's public API; no other internal package.
 */
package io.github.jenkinsdind.core.internal.registry;
