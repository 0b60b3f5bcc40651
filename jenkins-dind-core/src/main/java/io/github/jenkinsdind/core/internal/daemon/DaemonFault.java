package io.github.jenkinsdind.core.internal.daemon;

/**
 * The cause attached to jenkins-dind's exceptions for a daemon failure: its message is the daemon's
 * own words (already part of the exception's message), and the original failure, with its raw
 * {@code Status 500: {"message": ...}} text, is kept as a suppressed exception. Front ends that
 * print every cause's message (Maven does) then do not repeat the raw text.
 */
public final class DaemonFault extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private DaemonFault(String message, Throwable original) {
    super(message, null, true, false);
    addSuppressed(original);
  }

  /**
   * Wraps a failure.
   *
   * @param original the failure
   * @return the cause to attach
   */
  public static RuntimeException of(Throwable original) {
    return new DaemonFault(Engine.causeText(original), original);
  }
}
