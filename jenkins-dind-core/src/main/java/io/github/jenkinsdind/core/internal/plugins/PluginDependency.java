package io.github.jenkinsdind.core.internal.plugins;

import java.util.Objects;

/**
 * A dependency of a plugin release, as the update center lists it ({@code dependencies[]}) or as a
 * plugin's manifest does (its {@code Plugin-dependencies} header).
 *
 * @param id the plugin it needs
 * @param version the oldest version of it that works
 * @param optional whether it is needed only when installed anyway
 */
public record PluginDependency(String id, String version, boolean optional) {
  /** Checks the parts. */
  public PluginDependency {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
  }
}
