package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.JenkinsDindException;

/**
 * Work a platform of a build waits for: its own {@link Background} work, or a share of work done
 * once for every platform ({@link SharedPlugins}).
 *
 * @param <T> what the work gives
 */
interface Pending<T> extends AutoCloseable {

  /**
   * Waits for the work and gives its result.
   *
   * @return the result
   * @throws JenkinsDindException what the work threw
   */
  T join() throws JenkinsDindException;

  /** Waits until this platform's part of the work has ended, whatever its outcome. */
  @Override
  void close();
}
