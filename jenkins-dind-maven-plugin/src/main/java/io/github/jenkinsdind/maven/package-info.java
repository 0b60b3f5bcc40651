/**
 * The Maven goals of jenkins-dind ({@code build}, {@code run}, {@code stop}, {@code check}): thin
 * adapters that turn the mojo's parameters into one request of the core API, hand it over, log the
 * core's events, and turn its failures into Maven's.
 */
package io.github.jenkinsdind.maven;
