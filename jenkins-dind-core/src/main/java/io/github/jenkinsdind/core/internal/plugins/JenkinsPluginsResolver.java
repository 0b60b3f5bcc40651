package io.github.jenkinsdind.core.internal.plugins;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.JenkinsPlugins;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.download.CacheFiles;
import io.github.jenkinsdind.core.internal.download.Downloader;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Jenkins plugins of a build, from request to checked files in the cache: reads the inputs,
 * resolves them against the update center ({@link PluginResolver}) or takes a lock file as it is,
 * and downloads the files in parallel ({@link PluginFetcher}), each checked against its sha256.
 * Everything it downloads is cached in {@link CacheLayout#jenkinsPlugins()}, so a warm build is
 * offline.
 */
public final class JenkinsPluginsResolver {
  private final EventHandler events;
  private final UpdateCenterSource source;
  private final PluginFetcher fetcher;
  private final ResolutionMemo memo;

  /**
   * Creates a resolver.
   *
   * @param layout the build's cache
   * @param offline whether downloads are forbidden (only cached files are used)
   * @param events receives progress and messages
   */
  public JenkinsPluginsResolver(CacheLayout layout, boolean offline, EventHandler events) {
    this.events = events;
    // one HTTP client for the update center and every plugin file
    Downloader downloader = new Downloader(layout.root(), events);
    this.source = new UpdateCenterSource(layout.jenkinsPlugins(), offline, downloader, events);
    this.fetcher =
        new PluginFetcher(layout.jenkinsPlugins(), layout.root(), offline, downloader, events);
    this.memo = new ResolutionMemo(layout.jenkinsPlugins());
  }

  /** Gives the base's Jenkins version, perhaps waiting for the base to be read. */
  @FunctionalInterface
  public interface BaseVersion {
    /**
     * Returns the version.
     *
     * @return the base's Jenkins version, or {@code null} if not known
     * @throws JenkinsDindException if reading the base failed
     */
    String get() throws JenkinsDindException;

    /**
     * Returns the plugins the base's war bundles.
     *
     * @return id to version; empty if not known
     * @throws JenkinsDindException if reading the base failed
     */
    default Map<String, String> bundled() throws JenkinsDindException {
      return Map.of();
    }
  }

  /**
   * Resolves the requested plugins and fetches their files.
   *
   * @param request the plugins asked for
   * @param baseJenkinsVersion the base's Jenkins version ({@code JENKINS_VERSION} or the war's
   *     manifest), or {@code null} if not known; {@link JenkinsPlugins#jenkinsVersion()} wins
   * @param bundled the plugins the base's war bundles, id to version
   * @return the plugin files, ordered by id; {@link PluginSet#NONE} if none are asked for
   * @throws ConfigurationException for malformed inputs, resolution errors, a sha256 mismatch, or
   *     offline without the files cached
   * @throws JenkinsDindException if a download fails
   */
  public PluginSet resolveAndFetch(
      JenkinsPlugins request, String baseJenkinsVersion, Map<String, String> bundled)
      throws JenkinsDindException {
    return resolveAndFetch(request, () -> baseJenkinsVersion, bundled);
  }

  /**
   * Resolves the requested plugins and fetches their files, asking for the base's Jenkins version
   * only when it is needed: the inputs are read, the plugins given by URL fetched and the update
   * center downloaded first, so that this work runs while the base is read.
   *
   * @param request the plugins asked for
   * @param base gives the base's Jenkins version; {@link JenkinsPlugins#jenkinsVersion()} wins
   * @param bundled the plugins the base's war bundles, id to version
   * @return the plugin files, ordered by id; {@link PluginSet#NONE} if none are asked for
   * @throws ConfigurationException for malformed inputs, resolution errors, a sha256 mismatch, or
   *     offline without the files cached
   * @throws JenkinsDindException if a download fails, or the base's version cannot be had
   */
  public PluginSet resolveAndFetch(
      JenkinsPlugins request, BaseVersion base, Map<String, String> bundled)
      throws JenkinsDindException {
    if (request.isEmpty()) {
      return PluginSet.NONE;
    }
    PhaseTimes times = new PhaseTimes();
    List<PluginSpec> specs = PluginInputs.read(request);
    if (request.lockFile() != null) {
      PluginSet set = fromLock(request, specs, jenkinsVersion(request, base), times);
      events.handle(times.summary(set.plugins().size()));
      return set;
    }
    Map<String, PluginRelease> byUrl = UrlPlugins.fetch(specs, fetcher);
    Path centerFile = source.centerFile(request.updateCenterUrl());
    times.end("update center");
    String jenkins = jenkinsVersion(request, base);
    Map<String, String> allBundled = new TreeMap<>(base.bundled());
    allBundled.putAll(bundled);
    bundled = allBundled;
    times.end("waiting for the base");
    if (jenkins == null) {
      events.handle(
          Event.warn(
              "The base's Jenkins version is not known, so the plugins' required Jenkins versions"
                  + " are not checked; perhaps you should set "
                  + Setting.JENKINS_VERSION.key()));
    }
    String key = ResolutionMemo.key(specs, sha256(centerFile), jenkins, bundled, request);
    Optional<ResolutionMemo.Memo> remembered = memo.read(key);
    ResolutionMemo.Memo resolved =
        remembered.isPresent()
            ? remembered.get()
            : resolve(
                source.center(request.updateCenterUrl(), centerFile),
                specs,
                byUrl,
                jenkins,
                bundled,
                request);
    resolved.warnings().forEach(w -> events.handle(Event.warn(w)));
    resolved
        .leftOut()
        .forEach(
            (id, version) ->
                events.handle(
                    Event.info("Plugin " + id + " is left out: the war bundles " + version)));
    times.end(remembered.isPresent() ? "resolution (remembered)" : "resolution");
    List<PluginFile> files = fetcher.fetch(resolved.plugins(), shaSource(request));
    if (remembered.isEmpty()) {
      memo.write(key, resolved);
    }
    times.end("files");
    events.handle(times.summary(files.size()));
    return new PluginSet(files, jenkins, resolved.leftOut(), resolved.warnings());
  }

  private static String jenkinsVersion(JenkinsPlugins request, BaseVersion base)
      throws JenkinsDindException {
    Optional<String> given = request.givenJenkinsVersion();
    return given.isPresent() ? given.get() : base.get();
  }

  private PluginSet fromLock(
      JenkinsPlugins request, List<PluginSpec> specs, String jenkins, PhaseTimes times)
      throws JenkinsDindException {
    List<LockedPlugin> locked = PluginLock.read(request.lockFile());
    LockCheck.matches(specs, locked, request.lockFile());
    times.end("lock file");
    List<LockedPlugin> mirrored = new ArrayList<>();
    for (LockedPlugin p : locked) {
      String url = PluginDownloadUrl.of(request.downloadUrl(), p.id(), p.version(), p.url());
      mirrored.add(new LockedPlugin(p.id(), p.version(), p.sha256(), url));
    }
    List<PluginFile> files = new ArrayList<>();
    List<PluginFile> fetched = fetcher.fetch(mirrored, Setting.PLUGINS_LOCK_FILE);
    for (int i = 0; i < locked.size(); i++) {
      files.add(new PluginFile(locked.get(i), fetched.get(i).file()));
    }
    files.sort(Comparator.comparing(f -> f.plugin().id()));
    times.end("files");
    return new PluginSet(files, jenkins, Map.of(), List.of());
  }

  /**
   * Lists the plugins of a lock file that the update center has newer releases of.
   *
   * @param request the request, whose lock file and update center are used
   * @return the updates, ordered by id
   * @throws JenkinsDindException if the lock file or the update center cannot be read
   */
  public List<AvailableUpdate> availableUpdates(JenkinsPlugins request)
      throws JenkinsDindException {
    if (request.lockFile() == null) {
      throw new ConfigurationException(
          "available updates are listed for a lock file, and none is set",
          Setting.PLUGINS_LOCK_FILE,
          null,
          "perhaps you should set " + Setting.PLUGINS_LOCK_FILE.key() + " to a plugins.lock");
    }
    UpdateCenter center = source.center(request.updateCenterUrl());
    List<AvailableUpdate> updates = new ArrayList<>();
    for (LockedPlugin p : PluginLock.read(request.lockFile())) {
      center
          .latestOf(p.id())
          .filter(latest -> latest.pluginVersion().isNewerThan(PluginVersion.of(p.version())))
          .ifPresent(
              latest -> updates.add(new AvailableUpdate(p.id(), p.version(), latest.version())));
    }
    updates.sort(Comparator.comparing(AvailableUpdate::id));
    return updates;
  }

  private ResolutionMemo.Memo resolve(
      UpdateCenter center,
      List<PluginSpec> specs,
      Map<String, PluginRelease> byUrl,
      String jenkins,
      Map<String, String> bundled,
      JenkinsPlugins request)
      throws JenkinsDindException {
    UpdateCenter current = center;
    while (true) {
      try {
        Resolution resolution =
            new PluginResolver(current, byUrl, jenkins, bundled, request.failOnWarnings())
                .resolve(specs);
        List<LockedPlugin> chosen = new ArrayList<>();
        for (ResolvedPlugin plugin : resolution.plugins()) {
          chosen.add(locked(plugin, request, byUrl.containsKey(plugin.id())));
        }
        return new ResolutionMemo.Memo(chosen, resolution.leftOutBundled(), resolution.warnings());
      } catch (UpdateCenter.VersionsNeeded needed) {
        Set<String> ids = new TreeSet<>(current.versionsLoaded());
        ids.add(needed.id());
        if (current.versionsLoaded().isEmpty()) {
          ids.addAll(closure(current, specs, byUrl));
        }
        events.handle(Event.debug("Reading the versions of " + ids.size() + " plugin(s)"));
        current =
            current.withVersions(source.versions(request.effectivePluginVersionsUrl(), ids), ids);
      }
    }
  }

  /**
   * The plugins reachable from the requested ones through the latest releases: one scan for all.
   */
  private static Set<String> closure(
      UpdateCenter center, List<PluginSpec> specs, Map<String, PluginRelease> byUrl) {
    Set<String> seen = new TreeSet<>();
    Deque<String> queue = new ArrayDeque<>();
    specs.forEach(s -> queue.add(s.id()));
    Map<String, PluginRelease> fixed = new HashMap<>(byUrl);
    while (!queue.isEmpty()) {
      String id = queue.poll();
      if (!seen.add(id)) {
        continue;
      }
      PluginRelease release = fixed.containsKey(id) ? fixed.get(id) : center.latest().get(id);
      if (release != null) {
        release.dependencies().forEach(d -> queue.add(d.id()));
      }
    }
    return seen;
  }

  private LockedPlugin locked(ResolvedPlugin plugin, JenkinsPlugins request, boolean byUrl)
      throws ConfigurationException {
    PluginRelease release = plugin.release();
    if (release.sha256() == null || release.url() == null) {
      throw new ConfigurationException(
          "the update center gives no "
              + (release.url() == null ? "URL" : "sha256")
              + " for plugin "
              + release
              + ", so its file cannot be checked",
          Setting.UPDATE_CENTER_URL,
          request.updateCenterUrl(),
          "perhaps you should use an update center that lists sha256 values");
    }
    String url =
        byUrl
            ? release.url()
            : PluginDownloadUrl.of(
                request.downloadUrl(), release.id(), release.version(), release.url());
    return new LockedPlugin(release.id(), release.version(), release.sha256(), url);
  }

  private String sha256(Path file) throws JenkinsDindException {
    try {
      return CacheFiles.sha256(file);
    } catch (IOException e) {
      throw new EnvironmentException(
          "the cached update center " + file + " cannot be read: " + e,
          Setting.CACHE_DIRECTORY,
          file.toString(),
          "perhaps you should check the permissions of the cache directory",
          e);
    }
  }

  private static Setting shaSource(JenkinsPlugins request) {
    return request.downloadUrl() == null ? Setting.UPDATE_CENTER_URL : Setting.PLUGIN_DOWNLOAD_URL;
  }
}
