package io.github.jenkinsdind.core.internal.accounts;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link AccountEditor#apply}: the edited user database, and what the user should
 * know about the edit.
 *
 * @param files the edited files, with the same paths, modes and owners as the base's
 * @param warnings things the edit did that the user may not expect (a created user, a changed GID,
 *     another group joined), one sentence each; empty for the plain case
 */
public record AccountEdit(AccountFiles files, List<String> warnings) {
  /**
   * Checks and copies the parts.
   *
   * @param files the files
   * @param warnings the warnings
   */
  public AccountEdit {
    Objects.requireNonNull(files, "files");
    warnings = List.copyOf(warnings);
  }
}
