package io.github.jenkinsdind.core.api;

/**
 * Something the core reports while it works. The core never prints: a front end receives these
 * through an {@link EventHandler} and shows them as it sees fit.
 */
public sealed interface Event permits Event.Log, Event.Progress {

  /** The importance of a {@link Log} message. */
  enum Level {
    /** Detail for troubleshooting. */
    DEBUG,
    /** Normal progress. */
    INFO,
    /** Something the user should know about; the work goes on. */
    WARN
  }

  /**
   * A message for the user.
   *
   * @param level its importance
   * @param message the text, one line or a few
   */
  record Log(Level level, String message) implements Event {}

  /**
   * Progress of a long task (a download, a pull, a push).
   *
   * @param task what is being done, for example {@code pulling base image layers}
   * @param done units done so far
   * @param total units in all, or -1 when not known
   * @param unit what is counted, for example {@code bytes}
   */
  record Progress(String task, long done, long total, String unit) implements Event {}

  /**
   * Makes an info message.
   *
   * @param message the text
   * @return the event
   */
  static Log info(String message) {
    return new Log(Level.INFO, message);
  }

  /**
   * Makes a warning.
   *
   * @param message the text
   * @return the event
   */
  static Log warn(String message) {
    return new Log(Level.WARN, message);
  }

  /**
   * Makes a debug message.
   *
   * @param message the text
   * @return the event
   */
  static Log debug(String message) {
    return new Log(Level.DEBUG, message);
  }
}
