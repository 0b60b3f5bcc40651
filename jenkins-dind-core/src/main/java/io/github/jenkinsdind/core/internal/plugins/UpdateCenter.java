package io.github.jenkinsdind.core.internal.plugins;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What resolution knows of an update center: the latest release of each plugin ({@code
 * update-center.actual.json}), the other releases of the plugins it asked about ({@code
 * plugin-versions.json}), and the security warnings.
 *
 * <p>{@code plugin-versions.json} is large (every version of every plugin), so only the plugins a
 * resolution needs are loaded: {@link #versionsLoaded()} names them, and asking for another one's
 * versions throws {@link VersionsNeeded}, upon which the caller loads them and resolves again.
 *
 * @param latest the latest release of each plugin, by id
 * @param versions the releases of the loaded plugins, by id and version
 * @param versionsLoaded the plugins whose releases are loaded; {@code null} means all of them
 * @param warnings the security warnings
 */
public record UpdateCenter(
    Map<String, PluginRelease> latest,
    Map<String, Map<String, PluginRelease>> versions,
    Set<String> versionsLoaded,
    List<SecurityWarning> warnings) {

  /** Thrown when the releases of plugins that are not loaded yet are needed. */
  public static final class VersionsNeeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The plugin whose releases are needed. */
    private final String id;

    VersionsNeeded(String id) {
      super("the versions of " + id + " are not loaded", null, false, false);
      this.id = id;
    }

    /**
     * Returns the plugin whose releases are needed.
     *
     * @return its id
     */
    public String id() {
      return id;
    }
  }

  /** Copies the parts. */
  public UpdateCenter {
    latest = Map.copyOf(latest);
    TreeMap<String, Map<String, PluginRelease>> copy = new TreeMap<>();
    versions.forEach((id, byVersion) -> copy.put(id, Map.copyOf(byVersion)));
    versions = copy;
    versionsLoaded = versionsLoaded == null ? null : Set.copyOf(versionsLoaded);
    warnings = List.copyOf(warnings);
  }

  /**
   * Returns the latest release of a plugin.
   *
   * @param id the plugin
   * @return its latest release, empty if the update center does not know it
   */
  public Optional<PluginRelease> latestOf(String id) {
    return Optional.ofNullable(latest.get(id));
  }

  /**
   * Returns every known release of a plugin, oldest first.
   *
   * @param id the plugin
   * @return its releases (the latest one included)
   * @throws VersionsNeeded if its releases are not loaded
   */
  public List<PluginRelease> releasesOf(String id) {
    if (versionsLoaded != null && !versionsLoaded.contains(id)) {
      throw new VersionsNeeded(id);
    }
    TreeMap<PluginVersion, PluginRelease> sorted = new TreeMap<>();
    versions.getOrDefault(id, Map.of()).values().forEach(r -> sorted.put(r.pluginVersion(), r));
    latestOf(id).ifPresent(r -> sorted.putIfAbsent(r.pluginVersion(), r));
    return List.copyOf(sorted.values());
  }

  /**
   * Returns one release of a plugin: the latest one if it is that version, else from the loaded
   * releases.
   *
   * @param id the plugin
   * @param version the version
   * @return the release, empty if there is none of that version
   * @throws VersionsNeeded if another version than the latest is asked for and the plugin's
   *     releases are not loaded
   */
  public Optional<PluginRelease> release(String id, String version) {
    PluginRelease newest = latest.get(id);
    if (newest != null && newest.version().equals(version)) {
      return Optional.of(newest);
    }
    return releasesOf(id).stream().filter(r -> r.version().equals(version)).findFirst();
  }

  /**
   * Returns the warnings that affect a release.
   *
   * @param id the plugin
   * @param version its version
   * @return the warnings, possibly none
   */
  public List<SecurityWarning> warningsFor(String id, String version) {
    return warnings.stream().filter(w -> w.affects(id, version)).toList();
  }

  /**
   * Returns a copy with the releases of more plugins loaded.
   *
   * @param more the releases, by id and version
   * @param ids the plugins now loaded (including those without any release listed)
   * @return the copy
   */
  public UpdateCenter withVersions(Map<String, Map<String, PluginRelease>> more, Set<String> ids) {
    Map<String, Map<String, PluginRelease>> all = new TreeMap<>(versions);
    all.putAll(more);
    Set<String> loaded = new TreeSet<>(ids);
    if (versionsLoaded == null) {
      return new UpdateCenter(latest, all, null, warnings);
    }
    loaded.addAll(versionsLoaded);
    return new UpdateCenter(latest, all, loaded, warnings);
  }
}
