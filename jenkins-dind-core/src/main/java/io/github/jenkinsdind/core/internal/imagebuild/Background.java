package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A piece of a build that runs on a thread of its own while the build goes on (on two cores, the
 * docker CLI layer is compressed while the base is read), and whose outcome the build takes with
 * {@link #join()}: its value, or the exception it threw, unchanged.
 *
 * <p>{@link #close()} waits for the work to end, so that nothing a build started still runs (and
 * writes into the cache) once the build has returned, whether it succeeded or failed.
 *
 * @param <T> what the work gives
 */
final class Background<T> implements Pending<T> {

  /**
   * The work.
   *
   * @param <T> what it gives
   */
  @FunctionalInterface
  interface Work<T> {
    /**
     * Does the work.
     *
     * @return its result
     * @throws JenkinsDindException if it fails
     */
    T run() throws JenkinsDindException;
  }

  private final FutureTask<T> task;
  private final Thread thread;
  private final String description;

  private Background(String description, Work<T> work) {
    this.description = Objects.requireNonNull(description, "description");
    Objects.requireNonNull(work, "work");
    this.task = new FutureTask<>(work::run);
    this.thread = new Thread(task, "jenkins-dind-" + description.replace(' ', '-'));
    this.thread.setDaemon(true);
  }

  /**
   * Starts work on a new daemon thread.
   *
   * @param description what it does, a few words (also the thread's name)
   * @param work the work
   * @param <T> what it gives
   * @return the running work
   */
  static <T> Background<T> start(String description, Work<T> work) {
    Background<T> background = new Background<>(description, work);
    background.thread.start();
    return background;
  }

  /**
   * Waits for the work and gives its result.
   *
   * @return the result
   * @throws JenkinsDindException what the work threw, or an {@link EnvironmentException} if it
   *     failed otherwise or the wait was interrupted
   */
  @Override
  public T join() throws JenkinsDindException {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvironmentException(
          "The build was interrupted while waiting for: " + description, e);
    } catch (CancellationException e) {
      throw new EnvironmentException("Cancelled: " + description, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof JenkinsDindException failure) {
        throw failure;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new EnvironmentException("Failed: " + description + ": " + cause, cause);
    }
  }

  /**
   * Tells whether the work has ended.
   *
   * @return whether it has ended, whatever its outcome
   */
  boolean isDone() {
    return task.isDone();
  }

  /** Waits until the work has ended, whatever its outcome; its result is dropped. */
  @Override
  public void close() {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
