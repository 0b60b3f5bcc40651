package io.github.jenkinsdind.core.internal.plugins;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import java.util.List;
import java.util.Map;

/**
 * The errors of {@link PluginResolver}: each names the plugin, the chain that pulled it in, and the
 * setting to change (the one that asked for the chain's first plugin).
 */
final class ResolutionFaults {
  private final Map<String, PluginSpec> requested;

  ResolutionFaults(Map<String, PluginSpec> requested) {
    this.requested = requested;
  }

  /**
   * Says why a plugin is in the set: {@code asked for in plugins (entry 1 'git')}, or the chain.
   */
  String describe(List<String> chain) {
    PluginSpec root = requested.get(chain.get(0));
    String asked = "asked for in " + root.origin();
    if (chain.size() == 1) {
      return asked;
    }
    return "pulled in by "
        + String.join(" -> ", chain)
        + ", where "
        + chain.get(0)
        + " is "
        + asked;
  }

  ConfigurationException unknown(String id, List<String> chain) {
    PluginSpec root = requested.get(chain.get(0));
    return new ConfigurationException(
        "plugin " + id + " is not in the update center (" + describe(chain) + ")",
        root.setting(),
        chain.get(0),
        Suggestion.perhaps()
            .text("check the spelling of " + chain.get(0) + " in ")
            .setting(root.setting())
            .text(", or set ")
            .setting(Setting.UPDATE_CENTER_URL)
            .text(" to an update center that has it")
            .build(),
        null);
  }

  ConfigurationException noRelease(
      String id, List<String> chain, PluginResolver.Need need, String latest) {
    PluginSpec root = requested.get(chain.get(0));
    return new ConfigurationException(
        "plugin "
            + id
            + " ("
            + describe(chain)
            + ") must be version "
            + need.version()
            + " or newer, as "
            + need.by()
            + " requires, but the update center has no such"
            + " release (its latest is "
            + latest
            + ")",
        root.setting(),
        chain.get(0),
        Suggestion.perhaps()
            .text("pin an older version of " + chain.get(0) + " in ")
            .setting(root.setting())
            .text(", or check ")
            .setting(Setting.UPDATE_CENTER_URL)
            .text(" and ")
            .setting(Setting.PLUGIN_VERSIONS_URL)
            .build(),
        null);
  }

  ConfigurationException missingPin(PluginSpec spec, boolean known) {
    String message =
        known
            ? "plugin "
                + spec.id()
                + " has no version "
                + spec.version()
                + " in the update center's plugin versions ("
                + describe(List.of(spec.id()))
                + ")"
            : "plugin "
                + spec.id()
                + " is not in the update center ("
                + describe(List.of(spec.id()))
                + ")";
    return new ConfigurationException(
        message,
        spec.setting(),
        spec.id() + ":" + spec.version(),
        Suggestion.perhaps()
            .text("pin a version of " + spec.id() + " that exists in ")
            .setting(spec.setting())
            .text(", or check ")
            .setting(Setting.PLUGIN_VERSIONS_URL)
            .build(),
        null);
  }

  ConfigurationException pinTooOld(PluginSpec spec, String pinned, PluginResolver.Need need) {
    List<String> chain = need.chain();
    return new ConfigurationException(
        "plugin "
            + spec.id()
            + " is pinned to "
            + pinned
            + " in "
            + spec.origin()
            + ", but "
            + need.by()
            + " ("
            + describe(chain)
            + ") requires "
            + spec.id()
            + " "
            + need.version()
            + " or newer",
        spec.setting(),
        spec.id() + ":" + pinned,
        Suggestion.perhaps()
            .text("pin " + spec.id() + " to " + need.version() + " or newer in ")
            .setting(spec.setting())
            .text(", or pin an older version of " + chain.get(0))
            .build(),
        null);
  }

  ConfigurationException coreTooOld(PluginRelease release, List<String> chain, String jenkins) {
    PluginSpec root = requested.get(chain.get(0));
    return new ConfigurationException(
        "plugin "
            + release
            + " ("
            + describe(chain)
            + ") requires Jenkins "
            + release.requiredCore()
            + " or newer, but the base has Jenkins "
            + jenkins,
        root.setting(),
        chain.get(0),
        Suggestion.perhaps()
            .text("pin an older version of " + chain.get(0) + " in ")
            .setting(root.setting())
            .text(", use a newer Jenkins base in ")
            .setting(Setting.FROM)
            .text(", or correct ")
            .setting(Setting.JENKINS_VERSION)
            .build(),
        null);
  }

  ConfigurationException warned(
      PluginRelease release, List<String> chain, SecurityWarning warning) {
    PluginSpec root = requested.get(chain.get(0));
    return new ConfigurationException(
        "plugin "
            + release
            + " ("
            + describe(chain)
            + ") has a security warning: "
            + warning.describe(),
        root.setting(),
        chain.get(0),
        Suggestion.perhaps()
            .text("pin a version of " + chain.get(0) + " without the warning in ")
            .setting(root.setting())
            .text(", or set ")
            .set(Setting.FAIL_ON_PLUGIN_WARNINGS, "false")
            .text(" to be only warned")
            .build(),
        null);
  }

  ConfigurationException cycle(List<String> cycle, List<String> chain) {
    PluginSpec root = requested.get(chain.get(0));
    return new ConfigurationException(
        "the plugins "
            + String.join(" -> ", cycle)
            + " depend on each other in a cycle ("
            + cycle.get(0)
            + " is "
            + describe(chain)
            + ")",
        root.setting(),
        chain.get(0),
        Suggestion.perhaps()
            .text("pin other versions of these plugins in ")
            .setting(root.setting())
            .text(", or check the update center in ")
            .setting(Setting.UPDATE_CENTER_URL)
            .build(),
        null);
  }
}
