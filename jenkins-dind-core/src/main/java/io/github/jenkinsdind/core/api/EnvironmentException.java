package io.github.jenkinsdind.core.api;

/**
 * Something outside the configuration failed: a registry, the network, a Docker daemon, the file
 * system. It may still name the setting that points at the failing thing.
 */
public class EnvironmentException extends JenkinsDindException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what went wrong
   * @param setting the setting that points at the failing thing, or {@code null}
   * @param value that setting's value, or {@code null}
   * @param suggestion what to do about it, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public EnvironmentException(
      String message, Setting setting, String value, String suggestion, Throwable cause) {
    super(message, setting, value, suggestion, cause);
  }

  /**
   * Creates an exception whose suggestion names settings or operations.
   *
   * @param message what went wrong
   * @param setting the setting at fault, or {@code null}
   * @param value the offending value, or {@code null}
   * @param suggestion what to do about it, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public EnvironmentException(
      String message, Setting setting, String value, Suggestion suggestion, Throwable cause) {
    super(message, setting, value, suggestion, cause);
  }

  /**
   * Creates an exception that blames no setting and has no suggestion.
   *
   * @param message what went wrong
   * @param cause the underlying failure, or {@code null}
   */
  public EnvironmentException(String message, Throwable cause) {
    super(message, null, null, (Suggestion) null, cause);
  }
}
