package io.github.jenkinsdind.core.internal.plugins;

import java.util.List;
import java.util.Map;

/**
 * The Jenkins plugins of an image: checked files in the cache, ordered by id, ready to be one layer
 * at {@link PluginFile#IMAGE_DIRECTORY}.
 *
 * @param plugins the plugin files, ordered by id
 * @param jenkinsVersion the Jenkins version they were resolved for, or {@code null} if not known
 * @param leftOutBundled dependencies left out because the war bundles them new enough, id to
 *     version
 * @param warnings security warnings of chosen versions, one line each
 */
public record PluginSet(
    List<PluginFile> plugins,
    String jenkinsVersion,
    Map<String, String> leftOutBundled,
    List<String> warnings) {
  /** No plugins. */
  public static final PluginSet NONE = new PluginSet(List.of(), null, Map.of(), List.of());

  /** Copies the parts. */
  public PluginSet {
    plugins = List.copyOf(plugins);
    leftOutBundled = Map.copyOf(leftOutBundled);
    warnings = List.copyOf(warnings);
  }

  /**
   * Returns the plugins as a lock file's entries.
   *
   * @return the plugins, ordered by id
   */
  public List<LockedPlugin> locked() {
    return plugins.stream().map(PluginFile::plugin).toList();
  }

  /**
   * Returns the text of {@code plugins.lock} for these plugins.
   *
   * @return the text
   */
  public String lockText() {
    return PluginLock.format(locked());
  }

  /**
   * Returns whether the set is empty.
   *
   * @return whether there are no plugins
   */
  public boolean isEmpty() {
    return plugins.isEmpty();
  }
}
