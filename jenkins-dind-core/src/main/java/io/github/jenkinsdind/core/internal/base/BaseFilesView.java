package io.github.jenkinsdind.core.internal.base;

import io.github.jenkinsdind.core.api.JenkinsDindException;
import java.util.Optional;

/**
 * Another way to the files of a resolved base than reading its layers: one directory of the base as
 * its merged root file system shows it, as a tar (for example, read out of a container of the base
 * in a Docker daemon that has pulled it). The files are taken from it by the same rules as from a
 * layer.
 */
@FunctionalInterface
public interface BaseFilesView {
  /** No other way: the base's layers are read. */
  BaseFilesView NONE = (manifest, directory) -> Optional.empty();

  /**
   * Gives the view of a directory of the base, if there is one.
   *
   * @param manifest the resolved base
   * @param directory the absolute directory that holds every wanted file, for example {@code /etc}
   * @return the directory as one layer-like tar, or empty to read the base's layers instead
   * @throws JenkinsDindException if the wait for the view failed in a way that must stop the build
   */
  Optional<LayerWalker.Layer> of(BaseManifest manifest, String directory)
      throws JenkinsDindException;
}
