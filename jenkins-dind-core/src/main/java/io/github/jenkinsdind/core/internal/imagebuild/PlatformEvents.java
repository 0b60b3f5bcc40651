package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import java.util.Objects;

/**
 * The build's events, each said of the platform it is about while the platforms of a multi-platform
 * build run at once ({@link PlatformTasks}): a message that does not name its platform is prefixed
 * with it ({@code linux/arm64: Reading the base ...}), and so is a progress task. The platform is
 * that of the thread the event comes from, and of the thread that started it (an inheritable thread
 * local: the base read's, the CLI layer's and Jib's threads are started by a platform's task).
 * Events of a one-platform build, and of the parts of a build that serve every platform, pass
 * unchanged.
 */
final class PlatformEvents implements EventHandler {
  private static final InheritableThreadLocal<ImagePlatform> PLATFORM =
      new InheritableThreadLocal<>();

  /** Work done for one platform. */
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

  private final EventHandler events;

  /**
   * Wraps the build's handler.
   *
   * @param events the handler
   */
  PlatformEvents(EventHandler events) {
    this.events = Objects.requireNonNull(events, "events");
  }

  /**
   * Does work for a platform on this thread: the events it and the threads it starts send are said
   * of the platform.
   *
   * @param platform the platform
   * @param work the work
   * @param <T> what it gives
   * @return what it gives
   * @throws JenkinsDindException what it throws
   */
  static <T> T within(ImagePlatform platform, Work<T> work) throws JenkinsDindException {
    ImagePlatform outer = PLATFORM.get();
    PLATFORM.set(Objects.requireNonNull(platform, "platform"));
    try {
      return work.run();
    } finally {
      if (outer == null) {
        PLATFORM.remove();
      } else {
        PLATFORM.set(outer);
      }
    }
  }

  @Override
  public void handle(Event event) {
    ImagePlatform platform = PLATFORM.get();
    events.handle(platform == null ? event : of(platform, event));
  }

  /**
   * An event said of a platform, unless it names the platform already.
   *
   * @param platform the platform
   * @param event the event
   * @return the event, perhaps prefixed
   */
  static Event of(ImagePlatform platform, Event event) {
    String name = platform.toString();
    if (event instanceof Event.Log log) {
      return log.message().contains(name)
          ? log
          : new Event.Log(log.level(), name + ": " + log.message());
    }
    Event.Progress progress = (Event.Progress) event;
    return progress.task().contains(name)
        ? progress
        : new Event.Progress(
            name + ": " + progress.task(), progress.done(), progress.total(), progress.unit());
  }
}
