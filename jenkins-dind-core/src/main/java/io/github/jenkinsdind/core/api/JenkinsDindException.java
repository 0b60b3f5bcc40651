package io.github.jenkinsdind.core.api;

import java.util.Optional;

/**
 * A failure of jenkins-dind. It says what went wrong ({@link #getMessage()}), what the user could
 * do about it ({@link #suggestion()}), and, where one setting is at fault, which one ({@link
 * #setting()}) and its offending value ({@link #value()}).
 */
public abstract class JenkinsDindException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The setting at fault, or {@code null}. */
  private final Setting setting;

  /** The offending value, or {@code null}. */
  private final String value;

  /** What to do about it, or {@code null}. */
  private final String suggestion;

  /**
   * Creates an exception.
   *
   * @param message what went wrong
   * @param setting the setting at fault, or {@code null}
   * @param value the offending value, or {@code null}
   * @param suggestion what to do about it ("perhaps you should ..."), or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  protected JenkinsDindException(
      String message, Setting setting, String value, String suggestion, Throwable cause) {
    super(message, cause);
    this.setting = setting;
    this.value = value;
    this.suggestion = suggestion;
  }

  /**
   * Returns the setting at fault.
   *
   * @return the setting, if one is at fault
   */
  public Optional<Setting> setting() {
    return Optional.ofNullable(setting);
  }

  /**
   * Returns the offending value of the setting at fault.
   *
   * @return the value, if known
   */
  public Optional<String> value() {
    return Optional.ofNullable(value);
  }

  /**
   * Returns what the user could do to fix it.
   *
   * @return the suggestion, if there is one
   */
  public Optional<String> suggestion() {
    return Optional.ofNullable(suggestion);
  }
}
