package io.github.jenkinsdind.core.internal.plugins;

/**
 * A newer release of a locked plugin, as the update center's latest.
 *
 * @param id the plugin
 * @param locked the version in the lock
 * @param latest the update center's latest version
 */
public record AvailableUpdate(String id, String locked, String latest) {
  @Override
  public String toString() {
    return id + " " + locked + " -> " + latest;
  }
}
