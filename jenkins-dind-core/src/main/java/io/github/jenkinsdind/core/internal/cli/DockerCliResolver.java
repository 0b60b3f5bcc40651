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
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the docker CLI binary for an image: a local file if one is configured, else Docker's static
 * tarball, downloaded once into {@code <cacheDirectory>/docker-cli/}.
 *
 * <ul>
 *   <li>A local file or a download may be an official-layout {@code .tgz} (holding {@code
 *       docker/docker}) or a bare binary; which one is told by its content, not its name.
 *   <li>A configured sha256 is that of the file (the {@code .tgz} when it is one). A mismatch is an
 *       error, and a mismatching download is discarded from the cache. Without one, an info event
 *       gives the computed value to pin; with {@link DockerCli#requireSha256()} it is an error.
 *   <li>The binary must be an ELF binary for the platform's architecture.
 * </ul>
 *
 * <p>Cache layout, in {@link CacheLayout#dockerCli()}: {@code docker-cli/url-<hash of the
 * URL>/<file name>} holds a download, {@code docker-cli/bin-<sha256 of the file>/docker} the binary
 * taken from a file. Every file there is written to a temporary file first and renamed atomically,
 * so a crash never leaves a half file under a name that is used.
 */
public final class DockerCliResolver {
  private final Path cliCache;
  private final boolean offline;
  private final EventHandler events;
  private final Downloader downloader;

  /**
   * Creates a resolver.
   *
   * @param cacheDirectory the cache directory; downloads and binaries go to its {@code docker-cli}
   *     subdirectory
   * @param offline whether downloads are forbidden (only cached or local files are used)
   * @param events receives progress and messages
   */
  public DockerCliResolver(Path cacheDirectory, boolean offline, EventHandler events) {
    this(new CacheLayout(cacheDirectory), offline, events);
  }

  /**
   * Creates a resolver on a cache layout.
   *
   * @param layout the build's cache; downloads and binaries go to its {@link
   *     CacheLayout#dockerCli()}
   * @param offline whether downloads are forbidden (only cached or local files are used)
   * @param events receives progress and messages
   */
  public DockerCliResolver(CacheLayout layout, boolean offline, EventHandler events) {
    this.cliCache = layout.dockerCli();
    this.offline = offline;
    this.events = Objects.requireNonNull(events, "events");
    this.downloader = new Downloader(layout.root(), events);
  }

  /**
   * Resolves the docker CLI binary for a platform: downloads or reads the configured file, checks
   * its sha256, extracts the binary into the cache and checks its architecture.
   *
   * @param spec where the docker CLI comes from
   * @param platform the image platform
   * @return the binary, a regular file in the cache
   * @throws ConfigurationException if the configuration is wrong (unsupported platform, malformed
   *     or mismatching sha256, missing local file, version not found, offline without a cached
   *     download, a file that holds no docker CLI for the platform)
   * @throws EnvironmentException if the download fails or the cache cannot be written
   * @throws JenkinsDindException for any other failure
   */
  public ResolvedCli resolve(DockerCli spec, ImagePlatform platform) throws JenkinsDindException {
    CliArchitecture architecture = CliArchitecture.of(platform);
    Optional<String> expected =
        Sha256.parseConfigured(spec.sha256(), Setting.DOCKER_CLIENT_SHA256, "docker CLI file");
    CliOrigin origin =
        spec.localFile() != null
            ? CliOrigin.ofLocalFile(spec.localFile())
            : download(spec, architecture.requireDownloadName(platform));
    if (expected.isPresent() && !expected.get().equals(origin.sha256())) {
      throw CliFaults.mismatch(origin, expected.get());
    }
    boolean tarball = origin.isTarball();
    Path binary = binaryOf(origin, tarball);
    String binarySha256 = checkBinary(binary, origin, tarball, architecture, platform);
    if (expected.isEmpty() && spec.requireSha256()) {
      throw new ConfigurationException(
          Setting.REQUIRE_DOCKER_CLIENT_SHA256.key()
              + " is set, but "
              + Setting.DOCKER_CLIENT_SHA256.key()
              + " is not; the docker CLI file "
              + origin.describe()
              + " has sha256 "
              + origin.sha256(),
          Setting.DOCKER_CLIENT_SHA256,
          null,
          "perhaps you should set "
              + Setting.DOCKER_CLIENT_SHA256.key()
              + " to "
              + origin.sha256()
              + " once you have checked that this is the file you trust, or set "
              + Setting.REQUIRE_DOCKER_CLIENT_SHA256.key()
              + " to false");
    }
    if (expected.isEmpty()) {
      events.handle(
          Event.info(
              "The docker CLI file "
                  + origin.describe()
                  + " has sha256 "
                  + origin.sha256()
                  + "; perhaps you should pin it with "
                  + Setting.DOCKER_CLIENT_SHA256.key()
                  + "="
                  + origin.sha256()
                  + ", so that a changed file is refused"));
    }
    events.handle(
        Event.debug(
            "docker CLI "
                + spec.version()
                + " for "
                + platform
                + ": "
                + binary
                + " (sha256 "
                + binarySha256
                + ")"));
    return new ResolvedCli(binary, binarySha256, origin.sha256(), spec.version(), origin.source());
  }

  private CliOrigin download(DockerCli spec, String arch) throws JenkinsDindException {
    URI url = CliDownloadUrl.of(spec, arch);
    Path file =
        cliCache
            .resolve("url-" + Sha256.ofText(url.toString()).substring(0, 32))
            .resolve(CliDownloadUrl.fileName(url));
    if (Files.isRegularFile(file)) {
      events.handle(Event.debug("Using the cached docker CLI download " + file + " of " + url));
      try {
        return CliOrigin.downloaded(file, CacheFiles.sha256(file), url);
      } catch (IOException e) {
        CacheFiles.deleteQuietly(file);
        throw new EnvironmentException(
            "the cached docker CLI download " + file + " cannot be read: " + e,
            Setting.CACHE_DIRECTORY,
            file.toString(),
            "perhaps you should check the permissions of the cache directory",
            e);
      }
    }
    if (offline && !"file".equals(url.getScheme())) {
      throw new ConfigurationException(
          "offline mode is on, and docker CLI "
              + spec.version()
              + " has not been downloaded from "
              + url
              + " yet",
          Setting.OFFLINE,
          "true",
          "perhaps you should run once online to fill the cache, or set "
              + Setting.DOCKER_CLIENT.key()
              + " to a local docker CLI file");
    }
    return CliOrigin.downloaded(
        file,
        downloader.download(
            url,
            file,
            new DownloadSubject(
                "docker CLI version " + spec.version(),
                spec.version(),
                Setting.DOCKER_VERSION,
                Setting.DOCKER_CLIENT_URL,
                Setting.DOCKER_CLIENT)),
        url);
  }

  private Path binaryOf(CliOrigin origin, boolean tarball) throws JenkinsDindException {
    Path binary = cliCache.resolve("bin-" + origin.sha256()).resolve("docker");
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
        Files.copy(origin.file(), temporary, StandardCopyOption.REPLACE_EXISTING);
      }
      CacheFiles.makeExecutable(temporary);
      CacheFiles.commit(temporary, binary);
      committed = true;
      return binary;
    } catch (CliArchive.CorruptArchiveException e) {
      throw CliFaults.corrupt(origin, e);
    } catch (IOException e) {
      throw new EnvironmentException(
          "could not put the docker CLI binary from "
              + origin.describe()
              + " into "
              + binary
              + ": "
              + e,
          Setting.CACHE_DIRECTORY,
          cliCache.getParent().toString(),
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

  private String checkBinary(
      Path binary,
      CliOrigin origin,
      boolean tarball,
      CliArchitecture architecture,
      ImagePlatform platform)
      throws JenkinsDindException {
    Optional<ElfHeader> header;
    String sha256;
    try {
      header = ElfHeader.read(binary);
      sha256 = CacheFiles.sha256(binary);
    } catch (IOException e) {
      CacheFiles.deleteQuietly(binary);
      throw new EnvironmentException(
          "the docker CLI binary " + binary + " cannot be read: " + e,
          Setting.CACHE_DIRECTORY,
          cliCache.getParent().toString(),
          "perhaps you should check the permissions of the cache directory",
          e);
    }
    if (header.isEmpty()) {
      CacheFiles.deleteQuietly(binary);
      throw CliFaults.unusable(
          origin,
          tarball
              ? "holds a " + CliArchive.ENTRY + " that is not an ELF binary"
              : "is neither a gzip-compressed tarball nor an ELF binary"
                  + " (perhaps an error page or a script)",
          "point " + origin.setting().key() + " at the docker CLI binary or tarball itself");
    }
    if (!architecture.matches(header.get())) {
      CacheFiles.deleteQuietly(binary);
      throw CliFaults.unusable(
          origin,
          "holds a docker CLI for "
              + header.get().describe()
              + ", but the platform "
              + platform
              + " needs one for e_machine "
              + architecture.elfMachine(),
          origin.downloaded()
              ? "check that " + Setting.DOCKER_CLIENT_URL.key() + " uses {arch}"
              : "set " + Setting.DOCKER_CLIENT.key() + " to a docker CLI built for " + platform);
    }
    return sha256;
  }
}
