package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.JenkinsConfig;
import io.github.jenkinsdind.core.api.JenkinsPlugins;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.plugins.PluginInputs;
import io.github.jenkinsdind.core.internal.plugins.PluginLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks the Jenkins settings of a request before anything is read or written: the plugin entries
 * and files parse, the lock file reads, the configuration as code exists, and each init script is a
 * file with a name of its own.
 */
final class JenkinsCheck {
  private JenkinsCheck() {}

  /**
   * Checks the settings.
   *
   * @param plugins the plugins asked for
   * @param config the configuration asked for
   * @throws ConfigurationException naming the setting at fault
   */
  static void check(JenkinsPlugins plugins, JenkinsConfig config) throws ConfigurationException {
    if (!plugins.isEmpty()) {
      PluginInputs.read(plugins);
      if (plugins.lockFile() != null) {
        PluginLock.read(plugins.lockFile());
      }
    }
    Path casc = config.casc();
    if (casc != null && !Files.isRegularFile(casc) && !Files.isDirectory(casc)) {
      throw new ConfigurationException(
          "the configuration as code " + casc + " is neither a file nor a directory",
          Setting.CASC,
          casc.toString(),
          Suggestion.perhaps()
              .text("point ")
              .setting(Setting.CASC)
              .text(" at a YAML file or a directory of them")
              .build(),
          null);
    }
    Map<String, Path> byName = new HashMap<>();
    for (Path script : config.initScripts()) {
      if (!Files.isRegularFile(script)) {
        throw new ConfigurationException(
            "the init script " + script + " is not a file",
            Setting.INIT_SCRIPTS,
            script.toString(),
            Suggestion.perhaps()
                .text("list only Groovy files in ")
                .setting(Setting.INIT_SCRIPTS)
                .build(),
            null);
      }
      Path earlier = byName.putIfAbsent(script.getFileName().toString(), script);
      if (earlier != null) {
        throw new ConfigurationException(
            "the init scripts " + earlier + " and " + script + " have the same name",
            Setting.INIT_SCRIPTS,
            script.toString(),
            Suggestion.perhaps()
                .text("rename one of them: both would be ")
                .text(JenkinsConfig.INIT_SCRIPTS_DIRECTORY + "/" + script.getFileName())
                .build(),
            null);
      }
    }
  }
}
