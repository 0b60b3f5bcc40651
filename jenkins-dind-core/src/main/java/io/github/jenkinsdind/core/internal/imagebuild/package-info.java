/**
 * The image build: checks the request, resolves the docker CLI, reads and edits the base's account
 * files, then has Jib add the {@code docker-cli} and {@code accounts} layers to the base and write
 * the image to its target.
 */
package io.github.jenkinsdind.core.internal.imagebuild;
