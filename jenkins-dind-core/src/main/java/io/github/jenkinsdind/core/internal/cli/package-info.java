/**
 * Resolves the static docker CLI binary that the image build puts at {@code /usr/local/bin/docker}:
 * downloads Docker's official static tarball once into the cache (or takes a local tarball or bare
 * binary), verifies its sha256, extracts {@code docker/docker} and checks that it is an ELF binary
 * for the image's architecture. The entry point is {@link
 * io.github.jenkinsdind.core.internal.cli.DockerCliResolver}.
 */
package io.github.jenkinsdind.core.internal.cli;
