package io.github.jenkinsdind.core.api;

/**
 * A registry refused the credentials (HTTP 401 or 403), or asked for credentials that were not
 * given. {@link #registry()} is the registry host whose credentials to fix.
 */
public class RegistryAuthenticationException extends EnvironmentException {
  private static final long serialVersionUID = 1L;

  /** The registry host whose credentials were refused or missing. */
  private final String registry;

  /**
   * Creates an exception.
   *
   * @param message what went wrong
   * @param registry the registry host, for example {@code registry.example.com:5000}
   * @param setting the setting naming the image on that registry
   * @param value that setting's value
   * @param suggestion what to do about it
   * @param cause the underlying failure, or {@code null}
   */
  public RegistryAuthenticationException(
      String message,
      String registry,
      Setting setting,
      String value,
      String suggestion,
      Throwable cause) {
    super(message, setting, value, suggestion, cause);
    this.registry = registry;
  }

  /**
   * Creates an exception whose suggestion names settings or credentials.
   *
   * @param message what went wrong
   * @param registry the registry host, for example {@code registry.example.com:5000}
   * @param setting the setting naming the image on that registry
   * @param value that setting's value
   * @param suggestion what to do about it
   * @param cause the underlying failure, or {@code null}
   */
  public RegistryAuthenticationException(
      String message,
      String registry,
      Setting setting,
      String value,
      Suggestion suggestion,
      Throwable cause) {
    super(message, setting, value, suggestion, cause);
    this.registry = registry;
  }

  /**
   * Returns the registry host whose credentials were refused or missing.
   *
   * @return the registry host
   */
  public String registry() {
    return registry;
  }
}
