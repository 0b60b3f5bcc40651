package io.github.jenkinsdind.core.internal.plugins;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A security warning of the update center ({@code warnings[]} of type {@code plugin}): the plugin
 * versions it affects are those that one of its {@code versions[].pattern} regular expressions
 * matches.
 *
 * @param id the warning's id, for example {@code SECURITY-1234}
 * @param pluginId the plugin it is about ({@code name})
 * @param message what it says
 * @param url the advisory
 * @param patterns the affected versions
 */
public record SecurityWarning(
    String id, String pluginId, String message, String url, List<Pattern> patterns) {
  /** Checks the parts. */
  public SecurityWarning {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(pluginId, "pluginId");
    patterns = List.copyOf(patterns);
  }

  /**
   * Returns whether the warning affects a version of a plugin.
   *
   * @param plugin the plugin's id
   * @param version its version
   * @return whether it is affected
   */
  public boolean affects(String plugin, String version) {
    return pluginId.equals(plugin) && patterns.stream().anyMatch(p -> p.matcher(version).matches());
  }

  /**
   * Describes the warning in one line.
   *
   * @return for example {@code SECURITY-1234: XSS vulnerability (https://...)}
   */
  public String describe() {
    return id + ": " + (message == null ? "" : message) + (url == null ? "" : " (" + url + ")");
  }
}
