package io.github.jenkinsdind.core.internal.plugins;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One released version of a plugin: an entry of the update center's {@code plugins}, of {@code
 * plugin-versions.json}, or what a plugin file's manifest says.
 *
 * @param id the plugin's id ({@code name} in the update center, {@code Short-Name} in a manifest)
 * @param version its version
 * @param url where the file is downloaded from
 * @param sha256 the file's sha256 as 64 lower-case hex characters, or {@code null} if not known
 * @param requiredCore the oldest Jenkins it runs on, or {@code null} if not known
 * @param dependencies the plugins it needs
 */
public record PluginRelease(
    String id,
    String version,
    String url,
    String sha256,
    String requiredCore,
    List<PluginDependency> dependencies) {
  /** Checks the parts. */
  public PluginRelease {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    dependencies = List.copyOf(dependencies);
  }

  /**
   * Returns the version, for ordering.
   *
   * @return the version
   */
  public PluginVersion pluginVersion() {
    return PluginVersion.of(version);
  }

  /**
   * Returns the sha256, if known.
   *
   * @return 64 lower-case hex characters
   */
  public Optional<String> knownSha256() {
    return Optional.ofNullable(sha256);
  }

  /**
   * Returns a copy downloaded from another URL.
   *
   * @param otherUrl the URL
   * @return the copy
   */
  public PluginRelease withUrl(String otherUrl) {
    return new PluginRelease(id, version, otherUrl, sha256, requiredCore, dependencies);
  }

  @Override
  public String toString() {
    return id + " " + version;
  }
}
