package io.github.jenkinsdind.maven;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.DockerCliPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the {@code cliPlugins} setting: plugin names, comma-separated or one per element. */
final class CliPluginsSetting {
  private static final String NONE = "none";

  private CliPluginsSetting() {}

  /**
   * Reads the setting.
   *
   * @param values its elements; {@code null}, empty or blank when unset (then every plugin)
   * @return the plugins, in the order given; empty for {@code none}
   * @throws ConfigurationException naming {@code cliPlugins} for an unknown name, or {@code none}
   *     next to a name
   */
  static List<DockerCliPlugin.Name> parse(List<String> values) throws ConfigurationException {
    List<String> names = new ArrayList<>();
    for (String value : values == null ? List.<String>of() : values) {
      if (value == null) {
        continue;
      }
      for (String name : value.split(",", -1)) {
        if (!name.isBlank()) {
          names.add(name.strip());
        }
      }
    }
    if (names.isEmpty()) {
      return List.of(DockerCliPlugin.Name.values());
    }
    boolean none = names.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(NONE));
    if (none && names.size() > 1) {
      throw new ConfigurationException(
          "cliPlugins lists none next to plugin names: " + String.join(",", names),
          io.github.jenkinsdind.core.api.Setting.CLI_PLUGINS,
          String.join(",", names),
          "perhaps you should write either none or the plugins to keep");
    }
    List<DockerCliPlugin.Name> plugins = new ArrayList<>();
    if (!none) {
      for (String name : names) {
        plugins.add(DockerCliPlugin.Name.parse(name));
      }
    }
    return plugins;
  }
}
