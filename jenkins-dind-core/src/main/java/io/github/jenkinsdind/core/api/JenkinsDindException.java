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
  private final Suggestion suggestion;

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
    this.suggestion = suggestion == null ? null : Suggestion.text(suggestion);
  }

  /**
   * Creates an exception whose suggestion names settings or operations, which each front end words
   * its own way.
   *
   * @param message what went wrong
   * @param setting the setting at fault, or {@code null}
   * @param value the offending value, or {@code null}
   * @param suggestion what to do about it, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  protected JenkinsDindException(
      String message, Setting setting, String value, Suggestion suggestion, Throwable cause) {
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
    return suggestion(Suggestion.Words.NEUTRAL);
  }

  /**
   * Returns what the user could do to fix it, in a front end's words.
   *
   * @param words how the front end words settings, operations and credentials
   * @return the suggestion, if there is one
   */
  public Optional<String> suggestion(Suggestion.Words words) {
    return Optional.ofNullable(suggestion).map(s -> s.render(words));
  }

  /**
   * Returns what the user could do to fix it, as parts.
   *
   * @return the suggestion, if there is one
   */
  public Optional<Suggestion> suggestionParts() {
    return Optional.ofNullable(suggestion);
  }
}
