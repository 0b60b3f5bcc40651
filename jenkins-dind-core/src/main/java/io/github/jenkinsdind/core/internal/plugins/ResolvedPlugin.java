package io.github.jenkinsdind.core.internal.plugins;

import java.util.List;
import java.util.Objects;

/**
 * A plugin that resolution chose: its release and why it is in the set.
 *
 * @param release the chosen release
 * @param chain the ids from a requested plugin down to this one; one id if it was requested
 */
public record ResolvedPlugin(PluginRelease release, List<String> chain) {
  /** Checks the parts. */
  public ResolvedPlugin {
    Objects.requireNonNull(release, "release");
    chain = List.copyOf(chain);
  }

  /**
   * Returns the plugin's id.
   *
   * @return the id
   */
  public String id() {
    return release.id();
  }

  /**
   * Returns the chosen version.
   *
   * @return the version
   */
  public String version() {
    return release.version();
  }

  /**
   * Returns whether the user asked for it, rather than a dependency.
   *
   * @return whether it was requested
   */
  public boolean requested() {
    return chain.size() == 1;
  }
}
