package io.github.jenkinsdind.core.internal.base;

import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import java.io.Closeable;
import java.io.InputStream;
import java.util.List;

/**
 * Where a base image's manifest and layers are read from: a registry, a Docker daemon, or a {@code
 * docker save} tar. {@link #resolve} is cheap (a manifest, not layers), so that a cached result can
 * be used without reading any layer.
 */
public interface BaseSource extends Closeable {

  /**
   * Says what this base is, for messages.
   *
   * @return for example {@code registry image 127.0.0.1:5000/jenkins:lts}
   */
  String describe();

  /**
   * Resolves the base for a platform: picks it from a manifest list or OCI index, or checks that a
   * single-platform image is of that platform.
   *
   * @param platform the wanted platform
   * @return the resolved manifest
   * @throws JenkinsDindException if it cannot be read, or has no such platform (the message lists
   *     the platforms it has)
   */
  BaseManifest resolve(ImagePlatform platform) throws JenkinsDindException;

  /**
   * Opens a layer blob as a stream: gzip-compressed or plain tar, as stored. The caller closes it,
   * perhaps before reading it to the end.
   *
   * @param layer a layer of the manifest {@link #resolve} returned
   * @return the stream
   * @throws JenkinsDindException if it cannot be read
   */
  InputStream openLayer(BaseManifest.Layer layer) throws JenkinsDindException;

  /**
   * Reads the environment of the base's config ({@code Env}: {@code NAME=value} entries), for
   * example to find {@code JENKINS_VERSION} or to append to {@code JAVA_OPTS}. A source that cannot
   * tell gives none.
   *
   * @param manifest the manifest {@link #resolve} returned
   * @return the entries, in the config's order
   * @throws JenkinsDindException if the config cannot be read
   */
  default List<String> configEnv(BaseManifest manifest) throws JenkinsDindException {
    return List.of();
  }
}
