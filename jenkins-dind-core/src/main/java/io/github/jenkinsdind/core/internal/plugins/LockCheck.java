package io.github.jenkinsdind.core.internal.plugins;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks that a lock file still holds what the inputs ask for, when both are given: every requested
 * plugin, at its pinned version. A lock that the inputs have moved away from is an error rather
 * than a silent install of an old set.
 */
final class LockCheck {
  private LockCheck() {}

  static void matches(List<PluginSpec> specs, List<LockedPlugin> locked, Path lockFile)
      throws ConfigurationException {
    Map<String, LockedPlugin> byId =
        locked.stream().collect(Collectors.toMap(LockedPlugin::id, Function.identity()));
    for (PluginSpec spec : specs) {
      LockedPlugin plugin = byId.get(spec.id());
      String why = null;
      if (plugin == null) {
        why = "it does not hold plugin " + spec.id();
      } else if (spec.kind() == PluginSpec.Kind.PINNED
          && !spec.version().equals(plugin.version())) {
        why = "it holds " + plugin + ", not version " + spec.version();
      } else if (spec.kind() == PluginSpec.Kind.URL
          && (spec.version() != null && !spec.version().equals(plugin.version())
              || !spec.url().equals(plugin.url()))) {
        why = "it holds " + plugin + " from " + plugin.url() + ", not what the entry gives";
      }
      if (why != null) {
        throw new ConfigurationException(
            "the plugins lock file " + lockFile + " does not match " + spec.origin() + ": " + why,
            Setting.PLUGINS_LOCK_FILE,
            lockFile.toString(),
            "perhaps you should build once without "
                + Setting.PLUGINS_LOCK_FILE.key()
                + " to write a fresh lock, or correct "
                + spec.setting().key());
      }
    }
  }
}
