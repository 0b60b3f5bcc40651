package io.github.jenkinsdind.core.api;

import java.util.Objects;

/**
 * A user name and password (or token) for a registry. {@link #toString()} never shows the password.
 *
 * @param username the user name
 * @param password the password or token
 */
public record Credential(String username, String password) {
  /**
   * Checks the parts.
   *
   * @param username the user name
   * @param password the password or token
   */
  public Credential {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  @Override
  public String toString() {
    return "Credential[username=" + username + ", password=<hidden>]";
  }
}
