package io.github.jenkinsdind.core.api;

/**
 * The user's configuration is wrong: an invalid value, a combination that cannot work, or an input
 * file that is not what it should be. Nothing has been written when it is thrown.
 */
public class ConfigurationException extends JenkinsDindException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what is wrong
   * @param setting the setting at fault, or {@code null}
   * @param value the offending value, or {@code null}
   * @param suggestion how to fix it, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public ConfigurationException(
      String message, Setting setting, String value, String suggestion, Throwable cause) {
    super(message, setting, value, suggestion, cause);
  }

  /**
   * Creates an exception without a cause.
   *
   * @param message what is wrong
   * @param setting the setting at fault
   * @param value the offending value
   * @param suggestion how to fix it
   */
  public ConfigurationException(String message, Setting setting, String value, String suggestion) {
    this(message, setting, value, suggestion, null);
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
  public ConfigurationException(
      String message, Setting setting, String value, Suggestion suggestion, Throwable cause) {
    super(message, setting, value, suggestion, cause);
  }

  /**
   * Creates an exception that blames no setting and has no suggestion.
   *
   * @param message what went wrong
   * @param cause the underlying failure, or {@code null}
   */
  public ConfigurationException(String message, Throwable cause) {
    super(message, null, null, (Suggestion) null, cause);
  }
}
