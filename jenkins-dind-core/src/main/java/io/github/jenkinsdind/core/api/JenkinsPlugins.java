package io.github.jenkinsdind.core.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Jenkins plugins put into the image at {@code /usr/share/jenkins/ref/plugins/<id>.jpi}, and
 * where they come from.
 *
 * <p>The plugins are given as entries ({@link Setting#PLUGINS}), as a plugins.txt or plugins.yaml
 * ({@link Setting#PLUGINS_FILE}), or both; their dependencies are resolved from the Jenkins update
 * center. A lock file ({@link Setting#PLUGINS_LOCK_FILE}) written by an earlier build gives the
 * exact set instead, with no update center needed. Every file is checked against its sha256.
 *
 * <pre>{@code
 * JenkinsPlugins.of(List.of("git", "docker-workflow:580.vc0c340686b_54"))
 *     .withUpdateCenterUrl("https://mirror.example.com/update-center.actual.json")
 * }</pre>
 *
 * @param plugins entries in the plugins.txt syntax: {@code id}, {@code id:version}, {@code
 *     id:version:url} or {@code id::url}, with {@code latest} or {@code experimental} as versions
 * @param pluginsFile a plugins.txt or plugins.yaml, or {@code null}
 * @param lockFile a plugins.lock to install exactly, or {@code null} to resolve
 * @param updateCenterUrl the update center's {@code update-center.actual.json}
 * @param pluginVersionsUrl the {@code plugin-versions.json}, or {@code null} for the one beside the
 *     update center ({@link #DEFAULT_PLUGIN_VERSIONS_URL} for the default update center)
 * @param downloadUrl a download mirror: a template with {@code {id}} and {@code {version}}, or a
 *     base URL to which {@code /<id>/<version>/<id>.hpi} is added; {@code null} for the update
 *     center's URLs
 * @param jenkinsVersion the Jenkins version of the base, or {@code null} to read it from the base
 * @param failOnWarnings whether a security warning for a chosen version is an error (else a
 *     warning)
 */
public record JenkinsPlugins(
    List<String> plugins,
    Path pluginsFile,
    Path lockFile,
    String updateCenterUrl,
    String pluginVersionsUrl,
    String downloadUrl,
    String jenkinsVersion,
    boolean failOnWarnings) {

  /** The Jenkins project's update center, in plain JSON. */
  public static final String DEFAULT_UPDATE_CENTER_URL =
      "https://updates.jenkins.io/update-center.actual.json";

  /** The Jenkins project's list of every version of every plugin. */
  public static final String DEFAULT_PLUGIN_VERSIONS_URL =
      "https://updates.jenkins.io/current/plugin-versions.json";

  /** No plugins at all. */
  public static final JenkinsPlugins NONE =
      new JenkinsPlugins(List.of(), null, null, DEFAULT_UPDATE_CENTER_URL, null, null, null, false);

  /**
   * Checks the parts.
   *
   * @param plugins the entries
   * @param pluginsFile the plugins file, or {@code null}
   * @param lockFile the lock file, or {@code null}
   * @param updateCenterUrl the update center
   * @param pluginVersionsUrl the plugin versions, or {@code null}
   * @param downloadUrl the download mirror, or {@code null}
   * @param jenkinsVersion the Jenkins version, or {@code null}
   * @param failOnWarnings whether security warnings fail the build
   */
  public JenkinsPlugins {
    plugins = List.copyOf(Objects.requireNonNull(plugins, "plugins"));
    Objects.requireNonNull(updateCenterUrl, "updateCenterUrl");
  }

  /**
   * Plugins given as entries, from the Jenkins project's update center.
   *
   * @param entries entries in the plugins.txt syntax
   * @return the request
   */
  public static JenkinsPlugins of(List<String> entries) {
    return NONE.withPlugins(entries);
  }

  /**
   * Returns whether no plugin is asked for: no entries, no plugins file and no lock file.
   *
   * @return whether the image gets no plugins
   */
  public boolean isEmpty() {
    return plugins.isEmpty() && pluginsFile == null && lockFile == null;
  }

  /**
   * Returns a copy with other entries.
   *
   * @param entries entries in the plugins.txt syntax
   * @return the copy
   */
  public JenkinsPlugins withPlugins(List<String> entries) {
    return new JenkinsPlugins(
        entries,
        pluginsFile,
        lockFile,
        updateCenterUrl,
        pluginVersionsUrl,
        downloadUrl,
        jenkinsVersion,
        failOnWarnings);
  }

  /**
   * Returns a copy with a plugins file.
   *
   * @param file a plugins.txt or plugins.yaml, or {@code null}
   * @return the copy
   */
  public JenkinsPlugins withPluginsFile(Path file) {
    return new JenkinsPlugins(
        plugins,
        file,
        lockFile,
        updateCenterUrl,
        pluginVersionsUrl,
        downloadUrl,
        jenkinsVersion,
        failOnWarnings);
  }

  /**
   * Returns a copy that installs exactly the plugins of a lock file.
   *
   * @param file a plugins.lock, or {@code null} to resolve
   * @return the copy
   */
  public JenkinsPlugins withLockFile(Path file) {
    return new JenkinsPlugins(
        plugins,
        pluginsFile,
        file,
        updateCenterUrl,
        pluginVersionsUrl,
        downloadUrl,
        jenkinsVersion,
        failOnWarnings);
  }

  /**
   * Returns a copy with another update center.
   *
   * @param url the {@code update-center.actual.json}
   * @return the copy
   */
  public JenkinsPlugins withUpdateCenterUrl(String url) {
    return new JenkinsPlugins(
        plugins,
        pluginsFile,
        lockFile,
        url,
        pluginVersionsUrl,
        downloadUrl,
        jenkinsVersion,
        failOnWarnings);
  }

  /**
   * Returns a copy with another list of plugin versions.
   *
   * @param url the {@code plugin-versions.json}, or {@code null} for the one beside the update
   *     center
   * @return the copy
   */
  public JenkinsPlugins withPluginVersionsUrl(String url) {
    return new JenkinsPlugins(
        plugins,
        pluginsFile,
        lockFile,
        updateCenterUrl,
        url,
        downloadUrl,
        jenkinsVersion,
        failOnWarnings);
  }

  /**
   * Returns a copy with a download mirror.
   *
   * @param url a template with {@code {id}} and {@code {version}}, or a base URL; {@code null} for
   *     the update center's URLs
   * @return the copy
   */
  public JenkinsPlugins withDownloadUrl(String url) {
    return new JenkinsPlugins(
        plugins,
        pluginsFile,
        lockFile,
        updateCenterUrl,
        pluginVersionsUrl,
        url,
        jenkinsVersion,
        failOnWarnings);
  }

  /**
   * Returns a copy with the base's Jenkins version given.
   *
   * @param version for example {@code 2.440.3}, or {@code null} to read it from the base
   * @return the copy
   */
  public JenkinsPlugins withJenkinsVersion(String version) {
    return new JenkinsPlugins(
        plugins,
        pluginsFile,
        lockFile,
        updateCenterUrl,
        pluginVersionsUrl,
        downloadUrl,
        version,
        failOnWarnings);
  }

  /**
   * Returns a copy in which security warnings fail the build, or only warn.
   *
   * @param fail whether a security warning is an error
   * @return the copy
   */
  public JenkinsPlugins withFailOnWarnings(boolean fail) {
    return new JenkinsPlugins(
        plugins,
        pluginsFile,
        lockFile,
        updateCenterUrl,
        pluginVersionsUrl,
        downloadUrl,
        jenkinsVersion,
        fail);
  }

  /**
   * Returns the plugin versions URL in effect: the configured one, or {@link
   * #DEFAULT_PLUGIN_VERSIONS_URL} for the default update center, or {@code plugin-versions.json}
   * beside the update center.
   *
   * @return the URL
   */
  public String effectivePluginVersionsUrl() {
    if (pluginVersionsUrl != null && !pluginVersionsUrl.isBlank()) {
      return pluginVersionsUrl.strip();
    }
    if (DEFAULT_UPDATE_CENTER_URL.equals(updateCenterUrl.strip())) {
      return DEFAULT_PLUGIN_VERSIONS_URL;
    }
    String center = updateCenterUrl.strip();
    return center.substring(0, center.lastIndexOf('/') + 1) + "plugin-versions.json";
  }

  /**
   * Returns the Jenkins version, if one is given.
   *
   * @return the version
   */
  public Optional<String> givenJenkinsVersion() {
    return Optional.ofNullable(jenkinsVersion).filter(v -> !v.isBlank()).map(String::strip);
  }
}
