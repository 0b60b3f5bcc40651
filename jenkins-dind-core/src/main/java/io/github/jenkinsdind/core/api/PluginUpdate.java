package io.github.jenkinsdind.core.api;

import java.util.Objects;

/**
 * A newer release of a plugin in a lock file, as the update center's latest.
 *
 * @param id the plugin's id
 * @param locked the version in the lock file
 * @param latest the update center's latest version
 * @since 0.2.0
 */
public record PluginUpdate(String id, String locked, String latest) {
  /**
   * Checks the parts.
   *
   * @param id the id
   * @param locked the locked version
   * @param latest the latest version
   */
  public PluginUpdate {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(locked, "locked");
    Objects.requireNonNull(latest, "latest");
  }

  @Override
  public String toString() {
    return id + " " + locked + " -> " + latest;
  }
}
