package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one task per platform, several at once: all or nothing. The results come back in the
 * platforms' order, whatever order the tasks end in. When a task fails, the others are cancelled
 * (interrupted) and waited for, so that nothing the build started still runs when it returns, and
 * the failure is thrown: the first that ended, leaving out those of tasks that failed only because
 * another one did ({@link Cancelled}).
 *
 * <p>Each task runs under its platform's name ({@link PlatformEvents}), so that its events, and
 * those of the threads it starts, say which platform they are about.
 */
final class PlatformTasks {

  /**
   * One platform's task.
   *
   * @param <T> what it gives
   */
  @FunctionalInterface
  interface Task<T> {
    /**
     * Runs the task.
     *
     * @param platform the platform
     * @return its result
     * @throws JenkinsDindException if it fails
     */
    T run(ImagePlatform platform) throws JenkinsDindException;
  }

  /** A task's failure that only follows another task's: never the one reported. */
  static final class Cancelled extends EnvironmentException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the failure.
     *
     * @param message what was not done
     * @param cause the other task's failure, if known
     */
    Cancelled(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final int parallelism;

  /**
   * Runs at most this many tasks at once.
   *
   * @param parallelism at least 1
   */
  PlatformTasks(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
    }
    this.parallelism = parallelism;
  }

  /**
   * As many tasks at once as the machine has processors, and at least two, so that the network
   * reads of one platform overlap with the work of another.
   *
   * @return the tasks
   */
  static PlatformTasks ofMachine() {
    return new PlatformTasks(Math.max(2, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Runs a task for every platform.
   *
   * @param what what the tasks do, a word or two (the threads' names)
   * @param platforms the platforms
   * @param task the task
   * @param <T> what each gives
   * @return the results, in the platforms' order
   * @throws JenkinsDindException the first failure; every task has ended then
   */
  <T> List<T> run(String what, List<ImagePlatform> platforms, Task<T> task)
      throws JenkinsDindException {
    int threads = Math.max(1, Math.min(parallelism, platforms.size()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, threads(what));
    BlockingQueue<Ended> ended = new LinkedBlockingQueue<>();
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < platforms.size(); i++) {
        int index = i;
        ImagePlatform platform = platforms.get(i);
        futures.add(
            pool.submit(
                () -> {
                  try {
                    ended.add(
                        new Ended(
                            index,
                            PlatformEvents.within(platform, () -> task.run(platform)),
                            null));
                  } catch (Throwable t) {
                    ended.add(new Ended(index, null, t));
                  }
                }));
      }
      Object[] results = new Object[platforms.size()];
      for (int remaining = platforms.size(); remaining > 0; remaining--) {
        Ended next = take(ended);
        if (next.failure() != null) {
          // the others are interrupted, and waited for; those not started yet never start
          futures.forEach(future -> future.cancel(true));
          pool.shutdown();
          awaitQuietly(pool);
          throw rethrow(firstCause(next, ended));
        }
        results[next.index()] = next.result();
      }
      List<T> ordered = new ArrayList<>();
      for (Object result : results) {
        @SuppressWarnings("unchecked")
        T value = (T) result;
        ordered.add(value);
      }
      return ordered;
    } finally {
      pool.shutdownNow();
      awaitQuietly(pool);
    }
  }

  /**
   * A task that ended.
   *
   * @param index its platform's place
   * @param result what it gave
   * @param failure what it threw, or null
   */
  private record Ended(int index, Object result, Throwable failure) {}

  private static Ended take(BlockingQueue<Ended> ended) {
    try {
      return ended.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Ended(-1, null, new EnvironmentException("The build was interrupted", e));
    }
  }

  /** The first failure that is not only the consequence of another, in the order they ended. */
  private static Throwable firstCause(Ended first, BlockingQueue<Ended> others) {
    if (!(first.failure() instanceof Cancelled)) {
      return first.failure();
    }
    for (Ended other : others) {
      if (other.failure() != null && !(other.failure() instanceof Cancelled)) {
        return other.failure();
      }
    }
    return first.failure();
  }

  private static JenkinsDindException rethrow(Throwable failure) {
    if (failure instanceof JenkinsDindException known) {
      return known;
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    return new EnvironmentException("A platform failed: " + failure, failure);
  }

  /** Waits until every task has ended, even when this thread is interrupted meanwhile. */
  private static void awaitQuietly(ExecutorService pool) {
    boolean interrupted = Thread.interrupted();
    while (true) {
      try {
        if (pool.awaitTermination(1, TimeUnit.SECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory threads(String what) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread =
          new Thread(
              runnable, "jenkins-dind-" + what.replace(' ', '-') + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
