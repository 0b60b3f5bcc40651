package io.github.jenkinsdind.core.internal.plugins;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.download.CacheFiles;
import io.github.jenkinsdind.core.internal.download.DownloadSubject;
import io.github.jenkinsdind.core.internal.download.Downloader;
import io.github.jenkinsdind.core.internal.download.Sha256;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Downloads plugin files into the cache, in parallel (at most {@link #PARALLEL} at once), each
 * checked against its expected sha256 and kept by it: {@code jenkins-plugins/sha256/<hex>.hpi}. A
 * file already there is used without a download, offline too. Files whose sha256 is not known yet
 * (given by URL) are kept by URL: {@code jenkins-plugins/url/<hash of the URL>/<name>}.
 */
final class PluginFetcher {
  /** How many downloads run at once. */
  static final int PARALLEL = 6;

  private final Path cache;
  private final Path cacheRoot;
  private final boolean offline;
  private final EventHandler events;
  private final Downloader downloader;

  /**
   * Creates a fetcher.
   *
   * @param pluginsCache the plugins' cache directory
   * @param cacheRoot the cache directory, named in messages
   * @param offline whether downloads are forbidden
   * @param downloader the downloader whose HTTP client every download shares (one client, its
   *     threads and connections, rather than one a plugin)
   * @param events receives progress
   */
  PluginFetcher(
      Path pluginsCache,
      Path cacheRoot,
      boolean offline,
      Downloader downloader,
      EventHandler events) {
    this.cache = pluginsCache;
    this.cacheRoot = cacheRoot;
    this.offline = offline;
    this.downloader = downloader;
    this.events = events;
  }

  /**
   * Fetches plugins whose sha256 is known.
   *
   * @param plugins the plugins
   * @param shaSource the setting the expected sha256 values come from, named on a mismatch
   * @return the files, in the plugins' order
   */
  List<PluginFile> fetch(List<LockedPlugin> plugins, Setting shaSource)
      throws JenkinsDindException {
    List<PluginFile> files = new ArrayList<>();
    List<LockedPlugin> missing = new ArrayList<>();
    for (LockedPlugin plugin : plugins) {
      Path file = cache.resolve("sha256").resolve(plugin.sha256() + ".hpi");
      files.add(new PluginFile(plugin, file));
      if (!isCached(file, plugin.sha256())) {
        missing.add(plugin);
      }
    }
    if (missing.isEmpty()) {
      return files;
    }
    if (offline) {
      throw new ConfigurationException(
          "offline mode is on, and "
              + missing.size()
              + " Jenkins plugin(s) are not in the cache: "
              + missing,
          Setting.OFFLINE,
          "true",
          "perhaps you should build once online to fill the cache");
    }
    DownloadProgress progress = new DownloadProgress(missing.size(), events);
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, missing.size()));
    try {
      List<Future<Void>> futures = new ArrayList<>();
      for (LockedPlugin plugin : missing) {
        futures.add(pool.submit(() -> download(plugin, shaSource, progress)));
      }
      for (Future<Void> future : futures) {
        await(future);
      }
    } finally {
      pool.shutdownNow();
    }
    progress.finished();
    return files;
  }

  /**
   * Fetches a plugin given by URL, whose sha256 is not known: cached by URL.
   *
   * @param id the plugin
   * @param url its URL
   * @return the file in the cache
   */
  Path fetchByUrl(String id, String url) throws JenkinsDindException {
    URI uri = URI.create(url);
    String name = uri.getPath() == null ? id + ".hpi" : uri.getPath();
    name = name.substring(name.lastIndexOf('/') + 1);
    Path file =
        cache
            .resolve("url")
            .resolve(Sha256.ofText(url).substring(0, 32))
            .resolve(name.isEmpty() ? id + ".hpi" : name);
    if (Files.isRegularFile(file)) {
      return file;
    }
    if (offline && !"file".equalsIgnoreCase(uri.getScheme())) {
      throw new ConfigurationException(
          "offline mode is on, and plugin " + id + " has not been downloaded from " + url + " yet",
          Setting.OFFLINE,
          "true",
          "perhaps you should build once online to fill the cache");
    }
    downloader.reportingTo(events).download(uri, file, subject(id, url, Setting.PLUGINS));
    return file;
  }

  private Void download(LockedPlugin plugin, Setting shaSource, DownloadProgress progress)
      throws JenkinsDindException {
    Path target = cache.resolve("sha256").resolve(plugin.sha256() + ".hpi");
    Path part = cache.resolve("downloads").resolve(plugin.sha256() + "-" + plugin.id() + ".hpi");
    long started = System.nanoTime();
    String sha256 =
        downloader
            .reportingTo(progress.handlerFor(plugin))
            .download(
                URI.create(plugin.url()), part, subject(plugin.id(), plugin.url(), shaSource));
    if (!sha256.equals(plugin.sha256())) {
      CacheFiles.deleteQuietly(part);
      throw new ConfigurationException(
          "the file of plugin "
              + plugin
              + " downloaded from "
              + plugin.url()
              + " has sha256 "
              + sha256
              + ", but "
              + plugin.sha256()
              + " is expected (from "
              + shaSource.key()
              + "); the download has been discarded",
          shaSource,
          plugin.url(),
          "perhaps you should check "
              + shaSource.key()
              + " and "
              + Setting.PLUGIN_DOWNLOAD_URL.key()
              + " against a trusted source");
    }
    try {
      Files.createDirectories(target.getParent());
      CacheFiles.commit(part, target);
      CacheFiles.remember(target, sha256); // the next build does not read the file again
    } catch (IOException e) {
      if (isCached(target, plugin.sha256())) {
        progress.done(plugin, System.nanoTime() - started);
        return null; // another build put it there at the same time
      }
      throw new EnvironmentException(
          "could not put plugin " + plugin + " into the cache at " + target + ": " + e,
          Setting.CACHE_DIRECTORY,
          cacheRoot.toString(),
          "perhaps you should check the free space and permissions of the cache directory",
          e);
    }
    progress.done(plugin, System.nanoTime() - started);
    return null;
  }

  private static boolean isCached(Path file, String sha256) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try {
      if (CacheFiles.sha256(file).equals(sha256)) {
        return true;
      }
    } catch (IOException e) {
      // unreadable: downloaded again
    }
    CacheFiles.deleteQuietly(file);
    return false;
  }

  private static DownloadSubject subject(String id, String url, Setting setting) {
    return new DownloadSubject(
        "Jenkins plugin " + id, url, setting, Setting.PLUGIN_DOWNLOAD_URL, setting);
  }

  private static void await(Future<Void> future) throws JenkinsDindException {
    try {
      future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvironmentException("the plugin downloads were interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof JenkinsDindException failure) {
        throw failure;
      }
      throw new IllegalStateException("a plugin download failed", e.getCause());
    }
  }
}
