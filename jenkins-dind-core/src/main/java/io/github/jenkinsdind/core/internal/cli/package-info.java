/**
 * Owns the static docker CLI binary that the image build puts at {@code /usr/local/bin/docker}:
 * {@link io.github.jenkinsdind.core.internal.cli.DockerCliResolver} downloads Docker's official
 * static tarball once into the cache's {@code docker-cli} directory (or takes a local tarball or
 * bare binary), verifies its sha256, extracts {@code docker/docker} and checks that it is an ELF
 * binary for the image's architecture. It may use the API, {@code files} (the cache layout), the
 * JDK's http client and commons-compress; no other internal package.
 */
package io.github.jenkinsdind.core.internal.cli;
