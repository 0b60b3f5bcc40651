package io.github.jenkinsdind.maven;

import io.github.jenkinsdind.core.api.JenkinsConfig;
import io.github.jenkinsdind.core.api.JenkinsPlugins;
import java.io.File;
import java.util.List;
import java.util.Objects;

/** Turns the Jenkins parameters of the goals into the core's {@link JenkinsPlugins} and config. */
final class JenkinsParameters {
  private JenkinsParameters() {}

  /**
   * The plugins asked for.
   *
   * @param entries the {@code plugins} entries, or {@code null}; blanks are dropped, an element may
   *     hold several comma-separated entries
   * @param pluginsFile the plugins file, or {@code null}
   * @param lockFile the lock file, or {@code null}
   * @param updateCenterUrl the update center, or blank for the default
   * @return the plugins
   */
  static JenkinsPlugins plugins(
      List<String> entries, File pluginsFile, File lockFile, String updateCenterUrl) {
    List<String> list =
        entries == null
            ? List.of()
            : entries.stream()
                .filter(Objects::nonNull)
                .flatMap(e -> List.of(e.split(",")).stream())
                .map(String::strip)
                .filter(e -> !e.isEmpty())
                .toList();
    return JenkinsPlugins.of(list)
        .withPluginsFile(pluginsFile == null ? null : pluginsFile.toPath())
        .withLockFile(lockFile == null ? null : lockFile.toPath())
        .withUpdateCenterUrl(
            updateCenterUrl == null || updateCenterUrl.isBlank()
                ? JenkinsPlugins.DEFAULT_UPDATE_CENTER_URL
                : updateCenterUrl.strip());
  }

  /**
   * The configuration asked for.
   *
   * @param casc the configuration as code, or {@code null}
   * @param initScripts the init scripts, or {@code null}
   * @param skipSetupWizard whether to skip the wizard
   * @return the configuration
   */
  static JenkinsConfig config(File casc, List<File> initScripts, boolean skipSetupWizard) {
    return new JenkinsConfig(
        casc == null ? null : casc.toPath(),
        initScripts == null
            ? List.of()
            : initScripts.stream().filter(Objects::nonNull).map(File::toPath).toList(),
        skipSetupWizard);
  }
}
