package io.github.jenkinsdind.core.internal.plugins;

import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link PluginResolver#resolve}: the plugins to install, ordered by id, and what is
 * worth telling the user.
 *
 * @param plugins the plugins, ordered by id
 * @param leftOutBundled the dependencies left out because the war bundles them new enough, by id,
 *     with the bundled version
 * @param warnings the security warnings of chosen versions, as lines naming plugin, version and
 *     warning (when they do not fail the build)
 */
public record Resolution(
    List<ResolvedPlugin> plugins, Map<String, String> leftOutBundled, List<String> warnings) {
  /** Copies the parts. */
  public Resolution {
    plugins = List.copyOf(plugins);
    leftOutBundled = Map.copyOf(leftOutBundled);
    warnings = List.copyOf(warnings);
  }
}
