package io.github.jenkinsdind.core.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything a build needs: the base, the target, the platform, the docker CLI, the account edit,
 * extra labels, and how to reach registries. Made with {@link #from(String)} and its {@link
 * Builder}.
 *
 * @param from the base image: a registry reference, {@code docker://REF} for a Docker daemon image
 *     or {@code tar://PATH} for a {@code docker save} tar (a bare reference may also start with
 *     {@code registry://})
 * @param target where the image goes
 * @param platform the platform to build for, when {@code platforms} is empty; with {@code
 *     platforms} and a {@code docker} target, the one loaded into the daemon when the daemon's own
 *     architecture is not among them
 * @param platforms the platforms of a multi-platform image (an image index), each built with its
 *     own docker CLI and account files; empty for a one-platform image (or with {@code
 *     allPlatforms})
 * @param allPlatforms whether the platforms are every platform of the base (a registry base's
 *     manifest list or OCI index) that the docker CLI and its plugins exist for; then {@code
 *     platforms} is empty
 * @param dockerCli where the docker CLI comes from
 * @param cliPlugins the docker CLI plugins the image carries, each at most once (by default buildx
 *     and compose); {@link DockerCli#requireSha256()} asks a pin of them too
 * @param accounts the docker group and the user that joins it
 * @param labels labels added to the image (the base's are kept)
 * @param allowInsecureRegistries whether registries over plain http or with untrusted certificates
 *     are allowed
 * @param offline whether to use only what is cached (no network)
 * @param daemonPullsBase whether, for a {@code docker} target and a registry base, the Docker
 *     daemon pulls the base itself (as {@code docker pull} does), so that the build downloads none
 *     of it and loads only its own layers; without it, the build downloads the base and loads the
 *     whole image
 * @param cacheDirectory where base layers, base account files and docker CLI downloads are cached
 * @param credentials registry credentials asked before the Docker configuration
 * @param dockerHost the Docker daemon to talk to, such as {@code tcp://192.0.2.7:2376} or {@code
 *     unix:///run/user/1000/docker.sock}; empty for the one the environment gives ({@code
 *     DOCKER_HOST}, {@code DOCKER_CONTEXT}, the current context, the rootless or the default
 *     socket), as the docker CLI finds it
 * @param plugins the Jenkins plugins the image carries ({@link JenkinsPlugins#NONE} by default)
 * @param jenkinsConfig configuration as code, init scripts and the setup wizard ({@link
 *     JenkinsConfig#NONE} by default)
 * @param rebuild whether to build even when the inputs and the base are those of an earlier build
 *     whose image the target still holds; by default such a build only checks that and re-applies
 *     the tags ({@link BuildResult#upToDate()})
 */
public record BuildRequest(
    String from,
    ImageTarget target,
    ImagePlatform platform,
    List<ImagePlatform> platforms,
    boolean allPlatforms,
    DockerCli dockerCli,
    List<DockerCliPlugin> cliPlugins,
    AccountSpec accounts,
    Map<String, String> labels,
    boolean allowInsecureRegistries,
    boolean offline,
    boolean daemonPullsBase,
    Path cacheDirectory,
    CredentialProvider credentials,
    Optional<String> dockerHost,
    JenkinsPlugins plugins,
    JenkinsConfig jenkinsConfig,
    boolean rebuild) {

  /**
   * Says whether this is a multi-platform build.
   *
   * @return whether {@link #platforms()} is not empty, or {@link #allPlatforms()}
   */
  public boolean multiPlatform() {
    return allPlatforms || !platforms.isEmpty();
  }

  /** The default base image. */
  public static final String DEFAULT_BASE = "jenkins/jenkins:lts-jdk21";

  /**
   * Checks and copies the parts.
   *
   * @param from the base
   * @param target the target
   * @param platform the platform
   * @param platforms the platforms of a multi-platform image, or empty
   * @param allPlatforms whether every platform of the base is built
   * @param dockerCli the docker CLI
   * @param cliPlugins the docker CLI plugins
   * @param accounts the account edit
   * @param labels the labels
   * @param allowInsecureRegistries whether insecure registries are allowed
   * @param offline whether offline
   * @param daemonPullsBase whether the daemon pulls a registry base for a docker target
   * @param cacheDirectory the cache directory
   * @param credentials the credentials
   * @param dockerHost the daemon, if one was given
   * @param plugins the Jenkins plugins
   * @param jenkinsConfig the Jenkins configuration
   * @param rebuild whether an unchanged rebuild builds anyway
   */
  public BuildRequest {
    Objects.requireNonNull(plugins, "plugins");
    Objects.requireNonNull(jenkinsConfig, "jenkinsConfig");
    Objects.requireNonNull(dockerHost, "dockerHost");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(platform, "platform");
    platforms = List.copyOf(platforms);
    if (allPlatforms && !platforms.isEmpty()) {
      throw new IllegalArgumentException("allPlatforms with platforms listed: " + platforms);
    }
    Objects.requireNonNull(dockerCli, "dockerCli");
    cliPlugins = List.copyOf(cliPlugins);
    Objects.requireNonNull(accounts, "accounts");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(cacheDirectory, "cacheDirectory");
    Objects.requireNonNull(credentials, "credentials");
  }

  /**
   * Starts a request from a base image.
   *
   * @param base the base, see {@link #from()}
   * @return a builder with the defaults: linux/amd64, docker CLI {@value DockerCli#DEFAULT_VERSION}
   *     with buildx and compose in their default versions, user jenkins in group docker with GID
   *     999, cache in {@code ~/.cache/jenkins-dind}, the daemon pulling a registry base for a
   *     docker target
   */
  public static Builder from(String base) {
    return new Builder(base);
  }

  /** Builds a {@link BuildRequest}. Not thread-safe. */
  public static final class Builder {
    private final String from;
    private ImageTarget target;
    private ImagePlatform platform = ImagePlatform.LINUX_AMD64;
    private List<ImagePlatform> platforms = List.of();
    private boolean allPlatforms;
    private DockerCli dockerCli = DockerCli.download(DockerCli.DEFAULT_VERSION);
    private List<DockerCliPlugin> cliPlugins = DockerCliPlugin.defaults();
    private AccountSpec accounts = AccountSpec.defaults();
    private final Map<String, String> labels = new TreeMap<>();
    private boolean allowInsecureRegistries;
    private boolean offline;
    private boolean daemonPullsBase = true;
    private Path cacheDirectory =
        Path.of(System.getProperty("user.home"), ".cache", "jenkins-dind");
    private CredentialProvider credentials = CredentialProvider.NONE;
    private Optional<String> dockerHost = Optional.empty();
    private JenkinsPlugins plugins = JenkinsPlugins.NONE;
    private JenkinsConfig jenkinsConfig = JenkinsConfig.NONE;
    private boolean rebuild;

    private Builder(String from) {
      this.from = Objects.requireNonNull(from, "from");
    }

    /**
     * Sets the target.
     *
     * @param value the target
     * @return this builder
     */
    public Builder to(ImageTarget value) {
      this.target = value;
      return this;
    }

    /**
     * Sets the platform.
     *
     * @param value the platform
     * @return this builder
     */
    public Builder platform(ImagePlatform value) {
      this.platform = value;
      return this;
    }

    /**
     * Sets the platforms of a multi-platform image: an image index with one image per platform.
     *
     * @param value the platforms, each once; empty for a one-platform image
     * @return this builder
     * @since 0.2.0
     */
    public Builder platforms(List<ImagePlatform> value) {
      this.platforms = List.copyOf(value);
      this.allPlatforms = false;
      return this;
    }

    /**
     * Builds every platform of the base that the docker CLI and its plugins exist for (a published
     * download or a local file for the architecture), in the order of the base's manifest list or
     * OCI index; the base's other platforms are left out with a warning. The base must be a
     * registry image: a {@code docker://} or {@code tar://} base holds one platform, so list it.
     *
     * @return this builder
     * @since 0.2.0
     */
    public Builder allPlatforms() {
      this.platforms = List.of();
      this.allPlatforms = true;
      return this;
    }

    /**
     * Sets the docker CLI source.
     *
     * @param value the source
     * @return this builder
     */
    public Builder dockerCli(DockerCli value) {
      this.dockerCli = value;
      return this;
    }

    /**
     * Sets the docker CLI plugins the image carries.
     *
     * @param value the plugins, each at most once; empty for none
     * @return this builder
     * @since 0.2.0
     */
    public Builder cliPlugins(List<DockerCliPlugin> value) {
      this.cliPlugins = List.copyOf(value);
      return this;
    }

    /**
     * Sets the account edit.
     *
     * @param value the account edit
     * @return this builder
     */
    public Builder accounts(AccountSpec value) {
      this.accounts = value;
      return this;
    }

    /**
     * Sets the docker group's GID, keeping the rest of the account edit.
     *
     * @param gid the GID
     * @return this builder
     */
    public Builder dockerGid(long gid) {
      this.accounts = accounts.withGid(gid);
      return this;
    }

    /**
     * Adds labels.
     *
     * @param value the labels
     * @return this builder
     */
    public Builder labels(Map<String, String> value) {
      this.labels.putAll(value);
      return this;
    }

    /**
     * Allows (or not) plain-http registries and untrusted certificates.
     *
     * @param value whether allowed
     * @return this builder
     */
    public Builder allowInsecureRegistries(boolean value) {
      this.allowInsecureRegistries = value;
      return this;
    }

    /**
     * Works offline (or not): only cached base data is used.
     *
     * @param value whether offline
     * @return this builder
     */
    public Builder offline(boolean value) {
      this.offline = value;
      return this;
    }

    /**
     * Has the Docker daemon pull a registry base for a {@code docker} target (the default), or not:
     * then the build downloads the base itself and loads the whole image, as when the daemon cannot
     * reach the base's registry.
     *
     * @param value whether the daemon pulls the base
     * @return this builder
     */
    public Builder daemonPullsBase(boolean value) {
      this.daemonPullsBase = value;
      return this;
    }

    /**
     * Sets the cache directory.
     *
     * @param value the directory
     * @return this builder
     */
    public Builder cacheDirectory(Path value) {
      this.cacheDirectory = value;
      return this;
    }

    /**
     * Sets where registry credentials come from first.
     *
     * @param value the provider
     * @return this builder
     */
    public Builder credentials(CredentialProvider value) {
      this.credentials = value;
      return this;
    }

    /**
     * Sets the Docker daemon to talk to, ahead of the environment's.
     *
     * @param value the daemon's address, such as {@code tcp://192.0.2.7:2376}; blank for the
     *     environment's
     * @return this builder
     * @since 0.2.0
     */
    public Builder dockerHost(String value) {
      this.dockerHost =
          value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
      return this;
    }

    /**
     * Sets the Jenkins plugins the image carries.
     *
     * @param value the plugins; {@link JenkinsPlugins#NONE} for none
     * @return this builder
     * @since 0.2.0
     */
    public Builder plugins(JenkinsPlugins value) {
      this.plugins = Objects.requireNonNull(value, "plugins");
      return this;
    }

    /**
     * Sets configuration as code, init scripts and the setup wizard.
     *
     * @param value the configuration; {@link JenkinsConfig#NONE} for none
     * @return this builder
     * @since 0.2.0
     */
    public Builder jenkinsConfig(JenkinsConfig value) {
      this.jenkinsConfig = Objects.requireNonNull(value, "jenkinsConfig");
      return this;
    }

    /**
     * Builds even when nothing changed: by default, a build whose inputs and base are those of an
     * earlier build whose image the target still holds only checks that and re-applies the tags.
     *
     * @param value whether to build anyway
     * @return this builder
     * @since 0.2.0
     */
    public Builder rebuild(boolean value) {
      this.rebuild = value;
      return this;
    }

    /**
     * Makes the request.
     *
     * @return the request
     * @throws NullPointerException if no target was set
     */
    public BuildRequest build() {
      return new BuildRequest(
          from,
          Objects.requireNonNull(target, "target: call to(ImageTarget) first"),
          platform,
          platforms,
          allPlatforms,
          dockerCli,
          cliPlugins,
          accounts,
          labels,
          allowInsecureRegistries,
          offline,
          daemonPullsBase,
          cacheDirectory,
          credentials,
          dockerHost,
          plugins,
          jenkinsConfig,
          rebuild);
    }
  }
}
