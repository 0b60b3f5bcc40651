package io.github.jenkinsdind.core.internal.cli;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.DockerCli;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

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
 * <p>Cache layout: {@code docker-cli/url-<hash of the URL>/<file name>} holds a download, {@code
 * docker-cli/bin-<sha256 of the file>/docker} the binary taken from a file. Every file there is
 * written to a temporary file first and renamed atomically, so a crash never leaves a half file
 * under a name that is used.
 */
public final class DockerCliResolver {
  private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+-]*");
  private static final Pattern FILE_NAME = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+-]*");
  private static final String DEFAULT_FILE_NAME = "docker-cli";

  private final Path cliCache;
  private final boolean offline;
  private final EventHandler events;
  private final CliDownloader downloader;

  /**
   * Creates a resolver.
   *
   * @param cacheDirectory the cache directory; downloads and binaries go to its {@code docker-cli}
   *     subdirectory
   * @param offline whether downloads are forbidden (only cached or local files are used)
   * @param events receives progress and messages
   */
  public DockerCliResolver(Path cacheDirectory, boolean offline, EventHandler events) {
    this.cliCache = cacheDirectory.toAbsolutePath().resolve("docker-cli");
    this.offline = offline;
    this.events = Objects.requireNonNull(events, "events");
    this.downloader = new CliDownloader(cacheDirectory, events);
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
    Optional<String> expected = Sha256.parseConfigured(spec.sha256());
    Origin origin =
        spec.localFile() != null
            ? local(spec.localFile())
            : download(spec, architecture.requireDownloadName(platform));
    if (expected.isPresent() && !expected.get().equals(origin.sha256())) {
      throw mismatch(origin, expected.get());
    }
    boolean tarball = isTarball(origin);
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

  private Origin local(Path file) throws JenkinsDindException {
    Path path = file.toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      throw new ConfigurationException(
          "the docker CLI file " + path + " does not exist",
          Setting.DOCKER_CLIENT,
          file.toString(),
          "perhaps you should fix the path in "
              + Setting.DOCKER_CLIENT.key()
              + ", or remove it to download the docker CLI");
    }
    if (!Files.isRegularFile(path)) {
      throw new ConfigurationException(
          "the docker CLI file " + path + " is not a regular file",
          Setting.DOCKER_CLIENT,
          file.toString(),
          "perhaps you should set "
              + Setting.DOCKER_CLIENT.key()
              + " to the docker binary or the docker-VERSION.tgz file itself");
    }
    try {
      return new Origin(path, Sha256.ofFile(path), path.toString(), null);
    } catch (IOException e) {
      throw new ConfigurationException(
          "the docker CLI file " + path + " cannot be read: " + e,
          Setting.DOCKER_CLIENT,
          file.toString(),
          "perhaps you should check its permissions",
          e);
    }
  }

  private Origin download(DockerCli spec, String arch) throws JenkinsDindException {
    URI url = downloadUrl(spec, arch);
    Path file =
        cliCache
            .resolve("url-" + Sha256.ofText(url.toString()).substring(0, 32))
            .resolve(fileName(url));
    if (Files.isRegularFile(file)) {
      events.handle(Event.debug("Using the cached docker CLI download " + file + " of " + url));
      try {
        return new Origin(file, CacheFiles.sha256(file), url.toString(), url);
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
    return new Origin(file, downloader.download(url, spec.version(), file), url.toString(), url);
  }

  private static URI downloadUrl(DockerCli spec, String arch) throws ConfigurationException {
    String template = spec.urlTemplate();
    if (template.contains("{version}") && !VERSION.matcher(spec.version()).matches()) {
      throw new ConfigurationException(
          "'" + spec.version() + "' is not a docker CLI version",
          Setting.DOCKER_VERSION,
          spec.version(),
          "perhaps you should set it to a version such as " + DockerCli.DEFAULT_VERSION);
    }
    String text = template.replace("{arch}", arch).replace("{version}", spec.version());
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw badUrl(template, "'" + text + "' is not a valid URL: " + e.getMessage(), e);
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
      throw badUrl(template, "'" + text + "' is not an http, https or file URL", null);
    }
    if (!scheme.equals("file") && (url.getHost() == null || url.getHost().isEmpty())) {
      throw badUrl(template, "'" + text + "' has no host", null);
    }
    return url;
  }

  private static ConfigurationException badUrl(String template, String why, Throwable cause) {
    return new ConfigurationException(
        "the docker CLI download URL is wrong: " + why,
        Setting.DOCKER_CLIENT_URL,
        template,
        "perhaps you should set "
            + Setting.DOCKER_CLIENT_URL.key()
            + " to a URL such as "
            + DockerCli.DEFAULT_URL_TEMPLATE,
        cause);
  }

  private static String fileName(URI url) {
    String path = url.getPath() == null ? "" : url.getPath();
    String last = path.substring(path.lastIndexOf('/') + 1);
    return FILE_NAME.matcher(last).matches() ? last : DEFAULT_FILE_NAME;
  }

  private boolean isTarball(Origin origin) throws JenkinsDindException {
    try {
      return CliArchive.isGzip(origin.file());
    } catch (IOException e) {
      throw new EnvironmentException(
          "the docker CLI file " + origin.describe() + " cannot be read: " + e,
          origin.setting(),
          origin.value(),
          "perhaps you should check its permissions",
          e);
    }
  }

  private Path binaryOf(Origin origin, boolean tarball) throws JenkinsDindException {
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
          throw unusable(
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
      throw corrupt(origin, e);
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
      Origin origin,
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
      throw unusable(
          origin,
          tarball
              ? "holds a " + CliArchive.ENTRY + " that is not an ELF binary"
              : "is neither a gzip-compressed tarball nor an ELF binary"
                  + " (perhaps an error page or a script)",
          "point " + origin.setting().key() + " at the docker CLI binary or tarball itself");
    }
    if (!architecture.matches(header.get())) {
      CacheFiles.deleteQuietly(binary);
      throw unusable(
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

  private ConfigurationException mismatch(Origin origin, String expected) {
    if (origin.downloaded()) {
      CacheFiles.deleteQuietly(origin.file());
    }
    return new ConfigurationException(
        "the docker CLI file "
            + origin.describe()
            + " has sha256 "
            + origin.sha256()
            + ", but "
            + Setting.DOCKER_CLIENT_SHA256.key()
            + " expects "
            + expected
            + (origin.downloaded() ? "; the download has been discarded" : ""),
        Setting.DOCKER_CLIENT_SHA256,
        expected,
        origin.downloaded()
            ? "perhaps you should check "
                + Setting.DOCKER_CLIENT_SHA256.key()
                + " against a trusted source, and "
                + Setting.DOCKER_CLIENT_URL.key()
                + " if you use a mirror"
            : "perhaps you should check that "
                + Setting.DOCKER_CLIENT.key()
                + " is the file you meant, or update "
                + Setting.DOCKER_CLIENT_SHA256.key());
  }

  private ConfigurationException unusable(Origin origin, String why, String fix) {
    if (origin.downloaded()) {
      CacheFiles.deleteQuietly(origin.file());
    }
    return new ConfigurationException(
        "the docker CLI file "
            + origin.describe()
            + " "
            + why
            + (origin.downloaded() ? "; the download has been discarded" : ""),
        origin.setting(),
        origin.value(),
        "perhaps you should " + fix);
  }

  private JenkinsDindException corrupt(Origin origin, IOException cause) {
    String message =
        "the docker CLI file " + origin.describe() + " is corrupt: " + cause.getMessage();
    if (origin.downloaded()) {
      CacheFiles.deleteQuietly(origin.file());
      return new EnvironmentException(
          message + "; the download has been discarded",
          Setting.DOCKER_CLIENT_URL,
          origin.value(),
          "perhaps you should try again, or set "
              + Setting.DOCKER_CLIENT_URL.key()
              + " to another mirror",
          cause);
    }
    return new ConfigurationException(
        message,
        Setting.DOCKER_CLIENT,
        origin.value(),
        "perhaps you should download it again, or set "
            + Setting.DOCKER_CLIENT.key()
            + " to another file",
        cause);
  }

  /**
   * A file the docker CLI is taken from.
   *
   * @param file the file: the local file or the cached download
   * @param sha256 its sha256
   * @param source the local path or the URL, as reported
   * @param url the URL it was downloaded from, or {@code null} for a local file
   */
  private record Origin(Path file, String sha256, String source, URI url) {
    boolean downloaded() {
      return url != null;
    }

    Setting setting() {
      return downloaded() ? Setting.DOCKER_CLIENT_URL : Setting.DOCKER_CLIENT;
    }

    String value() {
      return source;
    }

    String describe() {
      return downloaded() ? "downloaded from " + url : source;
    }
  }
}
