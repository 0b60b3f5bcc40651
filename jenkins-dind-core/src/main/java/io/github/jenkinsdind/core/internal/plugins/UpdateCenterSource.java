package io.github.jenkinsdind.core.internal.plugins;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.download.DownloadSubject;
import io.github.jenkinsdind.core.internal.download.Downloader;
import io.github.jenkinsdind.core.internal.download.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Fetches the update center's JSON files into the cache ({@code jenkins-plugins/update-center/<hash
 * of the URL>/<name>}) and reads them. A cached copy younger than {@link #FRESH} is used as it is;
 * offline, any cached copy is; online, a stale copy is used with a warning if the update center
 * cannot be reached.
 */
final class UpdateCenterSource {
  /** How long a downloaded update center is used without asking again. */
  static final Duration FRESH = Duration.ofHours(1);

  private final Path directory;
  private final boolean offline;
  private final EventHandler events;
  private final Downloader downloader;

  UpdateCenterSource(
      Path pluginsCache, boolean offline, Downloader downloader, EventHandler events) {
    this.directory = pluginsCache.resolve("update-center");
    this.offline = offline;
    this.events = events;
    this.downloader = downloader;
  }

  /** Fetches the update center at a URL into the cache, or finds it there. */
  Path centerFile(String url) throws JenkinsDindException {
    return fetch(url, Setting.UPDATE_CENTER_URL, "Jenkins update center");
  }

  /** Reads the update center at a URL. */
  UpdateCenter center(String url) throws JenkinsDindException {
    return center(url, centerFile(url));
  }

  /** Reads the update center from its file. */
  UpdateCenter center(String url, Path file) throws JenkinsDindException {
    try (InputStream in = Files.newInputStream(file)) {
      return UpdateCenterJson.readCenter(in);
    } catch (IOException e) {
      throw unreadable(url, file, Setting.UPDATE_CENTER_URL, e);
    }
  }

  /** Reads the releases of some plugins from the plugin versions at a URL. */
  Map<String, Map<String, PluginRelease>> versions(String url, Set<String> ids)
      throws JenkinsDindException {
    Path file = fetch(url, Setting.PLUGIN_VERSIONS_URL, "Jenkins plugin versions");
    try (InputStream in = Files.newInputStream(file)) {
      return UpdateCenterJson.readVersions(in, ids);
    } catch (IOException e) {
      throw unreadable(url, file, Setting.PLUGIN_VERSIONS_URL, e);
    }
  }

  private Path fetch(String url, Setting setting, String what) throws JenkinsDindException {
    URI uri = uri(url, setting);
    if ("file".equalsIgnoreCase(uri.getScheme())) {
      return local(uri, setting, what);
    }
    String name = uri.getPath() == null ? "" : uri.getPath();
    name = name.substring(name.lastIndexOf('/') + 1);
    Path file =
        directory
            .resolve(Sha256.ofText(url).substring(0, 32))
            .resolve(name.isEmpty() ? "index.json" : name);
    boolean cached = Files.isRegularFile(file);
    if (cached && (offline || isFresh(file))) {
      events.handle(Event.debug("Using the cached " + what + " " + file + " of " + url));
      return file;
    }
    if (offline) {
      throw new ConfigurationException(
          "offline mode is on, and the " + what + " " + url + " has not been downloaded yet",
          Setting.OFFLINE,
          "true",
          "perhaps you should build once online to fill the cache, or set "
              + Setting.PLUGINS_LOCK_FILE.key()
              + " to a plugins.lock whose plugins are cached");
    }
    try {
      downloader.download(uri, file, new DownloadSubject(what, url, setting, setting, setting));
      return file;
    } catch (EnvironmentException e) {
      if (!cached) {
        throw e;
      }
      events.handle(
          Event.warn(
              "Using the cached "
                  + what
                  + " of "
                  + url
                  + ", as it cannot be downloaded again: "
                  + e.getMessage()));
      return file;
    }
  }

  private static Path local(URI uri, Setting setting, String what) throws ConfigurationException {
    Path file = Path.of(uri);
    if (!Files.isRegularFile(file)) {
      throw new ConfigurationException(
          "the " + what + " file " + file + " does not exist",
          setting,
          uri.toString(),
          "perhaps you should check " + setting.key());
    }
    return file;
  }

  private static boolean isFresh(Path file) {
    try {
      Instant modified = Files.getLastModifiedTime(file).toInstant();
      return modified.plus(FRESH).isAfter(Instant.now());
    } catch (IOException e) {
      return false;
    }
  }

  private static URI uri(String url, Setting setting) throws ConfigurationException {
    try {
      URI uri = URI.create(url.strip());
      if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?|file")) {
        throw new IllegalArgumentException("not an http, https or file URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          "'" + url + "' is not a usable URL: " + e.getMessage(),
          setting,
          url,
          "perhaps you should set " + setting.key() + " to an http, https or file URL",
          e);
    }
  }

  private static ConfigurationException unreadable(
      String url, Path file, Setting setting, IOException e) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // the next build downloads it again anyway, as it cannot be read
    }
    return new ConfigurationException(
        "the JSON from " + url + " cannot be read: " + e.getMessage(),
        setting,
        url,
        "perhaps you should check that "
            + setting.key()
            + " names the plain JSON file"
            + " (update-center.actual.json, not the JSONP update-center.json)",
        e);
  }
}
