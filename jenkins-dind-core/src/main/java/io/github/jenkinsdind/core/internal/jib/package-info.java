/**
 * Owns every use of jib-core outside its public API ({@code com.google.cloud.tools.jib.api}), so
 * that a jib-core upgrade is checked here and nowhere else: the registry client ({@link
 * io.github.jenkinsdind.core.internal.jib.RegistrySession}, which answers in our own {@link
 * io.github.jenkinsdind.core.internal.jib.RegistryManifest} values; {@link
 * io.github.jenkinsdind.core.internal.jib.ManifestPush} for manifests and indexes byte for byte),
 * the Docker credential lookup ({@link io.github.jenkinsdind.core.internal.jib.DockerCredentials}),
 * the recognition of Jib's internal failures ({@link
 * io.github.jenkinsdind.core.internal.jib.RegistryFailures}), Jib's Docker client on docker-java
 * ({@link io.github.jenkinsdind.core.internal.jib.JibDockerClient}), its layer cache and progress
 * events. Its public types give only our own, JDK or jib-core API types. It may use the API, {@code
 * daemon} (the Engine) and {@code files}; the contract tests beside its tests pin what the core
 * relies on.
 */
package io.github.jenkinsdind.core.internal.jib;
