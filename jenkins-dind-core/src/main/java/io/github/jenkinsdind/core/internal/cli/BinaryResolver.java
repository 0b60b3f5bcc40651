package io.github.jenkinsdind.core.internal.cli;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.DockerCli;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.download.CacheFiles;
import io.github.jenkinsdind.core.internal.download.DownloadSubject;
import io.github.jenkinsdind.core.internal.download.Downloader;
import io.github.jenkinsdind.core.internal.download.Sha256;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds a binary for an image, the docker CLI or a CLI plugin: a local file if one is configured,
 * else a download, fetched once into the cache ({@link CacheLayout#dockerCli()}, {@link
 * CacheLayout#cliPlugin}).
 *
 * <ul>
 *   <li>The docker CLI's file may be an official-layout {@code .tgz} (holding {@code
 *       docker/docker}) or a bare binary, told by its content, not its name; a plugin's is a bare
 *       binary.
 *   <li>The file's sha256 must be the pinned one: the user's, else the one its project published
 *       for the version ({@link PublishedPins}, for the plugins' default versions). A mismatching
 *       download is discarded from the cache. Without any pin, an info event gives the value to
 *       pin; with {@link BinarySource#requireSha256()} it is an error.
 *   <li>The binary must be an ELF binary for the platform's architecture.
 * </ul>
 *
 * <p>Cache layout: {@code url-<hash of the URL>/<file name>} holds a download, {@code bin-<sha256
 * of the file>/<binary name>} the binary taken from a file. Every file there is written to a
 * temporary file first and renamed atomically, so a crash never leaves a half file under a name
 * that is used.
 */
public final class BinaryResolver {
  private final CacheLayout layout;
  private final boolean offline;
  private final EventHandler events;
  private final Downloader downloader;

  /**
   * Creates a resolver on a cache layout.
   *
   * @param layout the build's cache
   * @param offline whether downloads are forbidden (only cached or local files are used)
   * @param events receives progress and messages
   */
  public BinaryResolver(CacheLayout layout, boolean offline, EventHandler events) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.offline = offline;
    this.events = Objects.requireNonNull(events, "events");
    this.downloader = new Downloader(layout.root(), events);
  }

  /**
   * Resolves the docker CLI for a platform.
   *
   * @param spec where the docker CLI comes from
   * @param platform the image platform
   * @return the binary, a regular file in the cache
   * @throws JenkinsDindException as {@link #resolve(BinarySource, ImagePlatform)}
   */
  public ResolvedBinary resolve(DockerCli spec, ImagePlatform platform)
      throws JenkinsDindException {
    return resolve(BinarySource.of(spec), platform);
  }

  /**
   * Resolves a binary for a platform: downloads or reads the configured file, checks its sha256,
   * extracts the binary into the cache and checks its architecture.
   *
   * @param source where the binary comes from
   * @param platform the image platform
   * @return the binary, a regular file in the cache
   * @throws ConfigurationException if the configuration is wrong (unsupported platform, malformed
   *     or mismatching sha256, missing local file, version not found, offline without a cached
   *     download, a file that holds no binary for the platform)
   * @throws EnvironmentException if the download fails or the cache cannot be written
   * @throws JenkinsDindException for any other failure
   */
  public ResolvedBinary resolve(BinarySource source, ImagePlatform platform)
      throws JenkinsDindException {
    BinaryKind kind = source.kind();
    CliArchitecture architecture = CliArchitecture.of(platform);
    Optional<String> configured =
        Sha256.parseConfigured(
            source.sha256().orElse(null), kind.settings().sha256(), kind.noun() + " file");
    Optional<String> arch = architecture.downloadName(kind);
    Optional<String> published =
        configured.isPresent()
            ? Optional.empty()
            : arch.flatMap(a -> PublishedPins.of(kind, source.version(), a));
    CliOrigin origin =
        source.localFile().isPresent()
            ? CliOrigin.ofLocalFile(kind, source.localFile().get())
            : download(source, architecture.requireDownloadName(kind, platform));
    if (configured.isPresent() && !configured.get().equals(origin.sha256())) {
      throw CliFaults.mismatch(origin, configured.get());
    }
    if (published.isPresent() && !published.get().equals(origin.sha256())) {
      throw CliFaults.notPublished(origin, source.version(), arch.get(), published.get());
    }
    boolean tarball = origin.isTarball();
    if (tarball && !kind.comesInTarballs()) {
      throw CliFaults.unusable(
          origin,
          "is a gzip-compressed file, but the " + kind.noun() + " comes as a bare binary",
          "set " + origin.setting().key() + " to the " + kind.noun() + " binary itself");
    }
    Path binary = binaryOf(origin, tarball);
    String binarySha256 = BinaryCheck.check(binary, origin, tarball, architecture, platform);
    if (configured.isEmpty() && published.isEmpty()) {
      unpinned(source, origin);
    }
    events.handle(
        Event.debug(
            kind.noun()
                + " "
                + source.version()
                + " for "
                + platform
                + ": "
                + binary
                + " (sha256 "
                + binarySha256
                + ")"));
    return new ResolvedBinary(
        kind, binary, binarySha256, origin.sha256(), source.version(), origin.source());
  }

  private void unpinned(BinarySource source, CliOrigin origin) throws ConfigurationException {
    Setting sha256 = source.kind().settings().sha256();
    if (source.requireSha256()) {
      throw new ConfigurationException(
          Setting.REQUIRE_DOCKER_CLIENT_SHA256.key()
              + " is set, but "
              + sha256.key()
              + " is not; "
              + origin.describe()
              + " has sha256 "
              + origin.sha256(),
          sha256,
          null,
          "perhaps you should set "
              + sha256.key()
              + " to "
              + origin.sha256()
              + " once you have checked that this is the file you trust, or set "
              + Setting.REQUIRE_DOCKER_CLIENT_SHA256.key()
              + " to false");
    }
    events.handle(
        Event.info(
            origin.describe().substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                + origin.describe().substring(1)
                + " has sha256 "
                + origin.sha256()
                + "; perhaps you should pin it with "
                + sha256.key()
                + "="
                + origin.sha256()
                + ", so that a changed file is refused"));
  }

  private Path cacheOf(BinaryKind kind) {
    return kind == BinaryKind.DOCKER_CLI ? layout.dockerCli() : layout.cliPlugin(kind.key());
  }

  private CliOrigin download(BinarySource source, String arch) throws JenkinsDindException {
    BinaryKind kind = source.kind();
    URI url = CliDownloadUrl.of(source, arch);
    Path file =
        cacheOf(kind)
            .resolve("url-" + Sha256.ofText(url.toString()).substring(0, 32))
            .resolve(CliDownloadUrl.fileName(url));
    if (Files.isRegularFile(file)) {
      events.handle(Event.debug("Using the cached " + kind.noun() + " " + file + " of " + url));
      try {
        return CliOrigin.downloaded(kind, file, CacheFiles.sha256(file), url);
      } catch (IOException e) {
        CacheFiles.deleteQuietly(file);
        throw new EnvironmentException(
            "the cached " + kind.noun() + " download " + file + " cannot be read: " + e,
            Setting.CACHE_DIRECTORY,
            file.toString(),
            "perhaps you should check the permissions of the cache directory",
            e);
      }
    }
    if (offline && !"file".equals(url.getScheme())) {
      throw new ConfigurationException(
          "offline mode is on, and "
              + kind.noun()
              + " "
              + source.version()
              + " has not been downloaded from "
              + url
              + " yet",
          Setting.OFFLINE,
          "true",
          "perhaps you should run once online to fill the cache, or set "
              + kind.settings().file().key()
              + " to a local "
              + kind.noun()
              + " file");
    }
    DownloadSubject subject =
        new DownloadSubject(
            kind.noun() + " version " + source.version(),
            source.version(),
            kind.settings().version(),
            kind.settings().url(),
            kind.settings().file());
    return CliOrigin.downloaded(kind, file, downloader.download(url, file, subject), url);
  }

  private Path binaryOf(CliOrigin origin, boolean tarball) throws JenkinsDindException {
    BinaryKind kind = origin.kind();
    Path binary = cacheOf(kind).resolve("bin-" + origin.sha256()).resolve(kind.fileName());
    if (Files.isRegularFile(binary)) {
      return binary;
    }
    Path temporary = null;
    boolean committed = false;
    try {
      temporary = CacheFiles.temporaryBeside(binary);
      if (tarball) {
        if (!CliArchive.extractDockerBinary(origin.file(), temporary)) {
          throw CliFaults.unusable(
              origin,
              "holds no " + CliArchive.ENTRY + " entry, so it is not an official docker tarball",
              "set "
                  + Setting.DOCKER_CLIENT.key()
                  + " to a docker-VERSION.tgz from "
                  + "download.docker.com or to the docker binary itself");
        }
      } else {
        Files.copy(origin.file(), temporary, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      CacheFiles.makeExecutable(temporary);
      CacheFiles.commit(temporary, binary);
      committed = true;
      return binary;
    } catch (CliArchive.CorruptArchiveException e) {
      throw CliFaults.corrupt(origin, e);
    } catch (IOException e) {
      throw new EnvironmentException(
          "could not put the binary from " + origin.describe() + " into " + binary + ": " + e,
          Setting.CACHE_DIRECTORY,
          layout.root().toString(),
          "perhaps you should check the free space and permissions of the cache directory, or set "
              + Setting.CACHE_DIRECTORY.key()
              + " to a writable directory",
          e);
    } finally {
      if (!committed && temporary != null) {
        CacheFiles.deleteQuietly(temporary);
      }
    }
  }
}
