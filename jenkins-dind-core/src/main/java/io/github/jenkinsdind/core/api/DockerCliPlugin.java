package io.github.jenkinsdind.core.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A docker CLI plugin put into the image at {@code
 * /usr/local/libexec/docker/cli-plugins/docker-NAME}, where the docker CLI looks for it: {@code
 * buildx} (which {@code docker build} needs since Docker 23) or {@code compose}. It is downloaded
 * once into the cache from its GitHub release, or taken from a local file, which wins over the
 * download.
 *
 * <p>The default version of each plugin comes with the sha256 of its published release files built
 * in, so a default download is checked without any setting; another version is checked against
 * {@link #sha256()} when it is set.
 *
 * @param name which plugin
 * @param version the version to download, for example {@code 0.34.0}; also recorded in the image's
 *     labels
 * @param urlTemplate the download URL, with {@code {arch}} and {@code {version}} placeholders
 * @param localFile a local plugin binary, or {@code null} to download
 * @param sha256 the expected sha256 of the downloaded or local file (hex), or {@code null}; with
 *     several platforms, it may be {@code amd64=…,arm64=…} pairs
 * @param localFiles local plugin binaries by architecture, as platforms name them ({@code amd64},
 *     {@code arm64}, …), for a multi-platform image: each platform takes its architecture's file,
 *     and a platform whose architecture has none downloads; empty when {@code localFile} or the
 *     download serves
 */
public record DockerCliPlugin(
    Name name,
    String version,
    String urlTemplate,
    Path localFile,
    String sha256,
    Map<String, Path> localFiles) {

  /** The default version of buildx, whose published sha256 are built in. */
  public static final String DEFAULT_BUILDX_VERSION = "0.34.0";

  /** The download URL template of buildx's GitHub releases. */
  public static final String DEFAULT_BUILDX_URL_TEMPLATE =
      "https://github.com/docker/buildx/releases/download/v{version}/buildx-v{version}.linux-{arch}";

  /** The default version of compose, whose published sha256 are built in. */
  public static final String DEFAULT_COMPOSE_VERSION = "5.1.3";

  /** The download URL template of compose's GitHub releases. */
  public static final String DEFAULT_COMPOSE_URL_TEMPLATE =
      "https://github.com/docker/compose/releases/download/v{version}/docker-compose-linux-{arch}";

  /** The docker CLI plugins the image can carry. */
  public enum Name {
    /** {@code docker buildx}: BuildKit builds; {@code docker build} goes through it. */
    BUILDX(
        "buildx",
        DEFAULT_BUILDX_VERSION,
        DEFAULT_BUILDX_URL_TEMPLATE,
        new BinarySettings(
            Setting.BUILDX_VERSION,
            Setting.BUILDX_URL,
            Setting.BUILDX_FILE,
            Setting.BUILDX_SHA256)),
    /** {@code docker compose}, also reachable as {@code docker-compose}. */
    COMPOSE(
        "compose",
        DEFAULT_COMPOSE_VERSION,
        DEFAULT_COMPOSE_URL_TEMPLATE,
        new BinarySettings(
            Setting.COMPOSE_VERSION,
            Setting.COMPOSE_URL,
            Setting.COMPOSE_FILE,
            Setting.COMPOSE_SHA256));

    private final String key;
    private final String defaultVersion;
    private final String defaultUrlTemplate;
    private final BinarySettings settings;

    Name(String key, String defaultVersion, String defaultUrlTemplate, BinarySettings settings) {
      this.key = key;
      this.defaultVersion = defaultVersion;
      this.defaultUrlTemplate = defaultUrlTemplate;
      this.settings = settings;
    }

    /**
     * Returns the plugin's name as users write it.
     *
     * @return {@code buildx} or {@code compose}
     */
    public String key() {
      return key;
    }

    /**
     * Returns the default version, whose published sha256 are built in.
     *
     * @return for example {@code 0.34.0}
     */
    public String defaultVersion() {
      return defaultVersion;
    }

    /**
     * Returns the download URL template of the plugin's GitHub releases.
     *
     * @return the template, with {@code {version}} and {@code {arch}}
     */
    public String defaultUrlTemplate() {
      return defaultUrlTemplate;
    }

    /**
     * Returns the settings that choose the plugin.
     *
     * @return for example {@link Setting#BUILDX_VERSION}, {@link Setting#BUILDX_URL}, ...
     */
    public BinarySettings settings() {
      return settings;
    }

    /**
     * Reads a plugin name as users write it.
     *
     * @param text the name, case and blanks ignored
     * @return the plugin
     * @throws ConfigurationException naming {@link Setting#CLI_PLUGINS} if no plugin has that name
     */
    public static Name parse(String text) throws ConfigurationException {
      String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
      for (Name candidate : values()) {
        if (candidate.key.equals(wanted)) {
          return candidate;
        }
      }
      throw new ConfigurationException(
          "'" + text + "' is not a docker CLI plugin this build knows; known: buildx, compose",
          Setting.CLI_PLUGINS,
          text,
          Suggestion.perhaps()
              .text("list only buildx and compose in ")
              .setting(Setting.CLI_PLUGINS)
              .text(", or none to leave both out")
              .build(),
          null);
    }
  }

  /**
   * Checks the parts.
   *
   * @param name the plugin
   * @param version the version
   * @param urlTemplate the URL template
   * @param localFile the local file, or {@code null}
   * @param sha256 the sha256, or {@code null}
   * @param localFiles the local files by architecture, or empty
   */
  public DockerCliPlugin {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(urlTemplate, "urlTemplate");
    localFiles = localFiles == null ? Map.of() : Map.copyOf(localFiles);
  }

  /**
   * A plugin without local files by architecture.
   *
   * @param name the plugin
   * @param version the version
   * @param urlTemplate the URL template
   * @param localFile the local file, or {@code null}
   * @param sha256 the sha256, or {@code null}
   */
  public DockerCliPlugin(
      Name name, String version, String urlTemplate, Path localFile, String sha256) {
    this(name, version, urlTemplate, localFile, sha256, Map.of());
  }

  /**
   * The plugin's default version, downloaded from its GitHub release and checked against the
   * built-in sha256.
   *
   * @param name the plugin
   * @return the source
   */
  public static DockerCliPlugin defaults(Name name) {
    return new DockerCliPlugin(name, name.defaultVersion(), name.defaultUrlTemplate(), null, null);
  }

  /**
   * Both plugins, in their default versions: what an image carries unless told otherwise.
   *
   * @return buildx and compose
   */
  public static List<DockerCliPlugin> defaults() {
    return List.of(defaults(Name.BUILDX), defaults(Name.COMPOSE));
  }

  /**
   * Returns a copy with another version.
   *
   * @param value the version
   * @return the copy
   */
  public DockerCliPlugin withVersion(String value) {
    return new DockerCliPlugin(name, value, urlTemplate, localFile, sha256, localFiles);
  }

  /**
   * Returns a copy with another download URL template.
   *
   * @param template the template, with {@code {arch}} and {@code {version}}
   * @return the copy
   */
  public DockerCliPlugin withUrlTemplate(String template) {
    return new DockerCliPlugin(name, version, template, localFile, sha256, localFiles);
  }

  /**
   * Returns a copy taken from a local file.
   *
   * @param file the plugin binary, or {@code null} to download
   * @return the copy
   */
  public DockerCliPlugin withLocalFile(Path file) {
    return new DockerCliPlugin(name, version, urlTemplate, file, sha256, localFiles);
  }

  /**
   * Returns a copy with the expected sha256.
   *
   * @param expectedSha256 the sha256, hex, or {@code null}
   * @return the copy
   */
  public DockerCliPlugin withSha256(String expectedSha256) {
    return new DockerCliPlugin(name, version, urlTemplate, localFile, expectedSha256, localFiles);
  }

  /**
   * Returns a copy that takes a local file per architecture, for a multi-platform image.
   *
   * @param files the files by architecture key ({@code amd64}, {@code arm64}, …); empty for none
   * @return the copy
   * @since 0.2.0
   */
  public DockerCliPlugin withLocalFiles(Map<String, Path> files) {
    return new DockerCliPlugin(name, version, urlTemplate, localFile, sha256, files);
  }

  /**
   * Returns the local file, if one is set.
   *
   * @return the local file
   */
  public Optional<Path> local() {
    return Optional.ofNullable(localFile);
  }
}
