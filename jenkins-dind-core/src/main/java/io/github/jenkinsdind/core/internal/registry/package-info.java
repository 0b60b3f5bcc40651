/**
 * Registry access shared by the base source and the image build: credentials (settings, Docker
 * configuration), a quick preflight check, and the translation of registry failures into the API's
 * exceptions.
 */
package io.github.jenkinsdind.core.internal.registry;
