package io.github.jenkinsdind.maven;

import io.github.jenkinsdind.core.api.AccountSpec;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.BuildResult;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.DockerCli;
import io.github.jenkinsdind.core.api.DockerCliPlugin;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsDind;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.JenkinsPlugins;
import io.github.jenkinsdind.core.api.Setting;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Builds the Jenkins image: the base image, plus the static docker CLI at {@code
 * /usr/local/bin/docker} and a {@code docker} group of the chosen GID that the {@code jenkins} user
 * joins. No Dockerfile and no Docker daemon are needed unless the target is {@code docker}.
 *
 * <p>The image goes to the local Docker daemon ({@code target=docker}, the default), to a registry
 * ({@code target=registry}) or to a tar file ({@code target=tar}). What was built is logged as
 * reference and digest and written to {@code target/jenkins-dind/}: {@code image.digest}, {@code
 * image.id} and {@code image.json}.
 *
 * <p>Registry credentials come from the {@code <server>} in {@code settings.xml} whose id is the
 * registry host (encrypted passwords included), then from {@code ~/.docker/config.json} and its
 * credential helpers. With {@code -o} only cached base data is used.
 *
 * @since 0.1.0
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BuildMojo extends AbstractJenkinsDindMojo<BuildRequest> {

  /**
   * The base image: a registry reference such as {@code jenkins/jenkins:lts-jdk21}, {@code
   * docker://REF} for an image of the local Docker daemon, or {@code tar://PATH} for a {@code
   * docker save} tar file.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "from", defaultValue = BuildRequest.DEFAULT_BASE)
  String from;

  /**
   * The image to build, for example {@code registry.example.com/ci/jenkins:1.0}. For {@code
   * target=registry} the registry host in it is where the image is pushed.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = PROPERTY_PREFIX + "image",
      defaultValue = "${project.artifactId}:${project.version}")
  String image;

  /**
   * Additional tags the image gets besides the one in {@code image}, for example {@code
   * ${project.version}} and {@code latest}. On the command line: comma-separated.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "tags")
  List<String> tags;

  /**
   * Where the image goes: {@code docker} (the local Docker daemon), {@code registry} (pushed to the
   * registry named in {@code image}) or {@code tar} (a file for {@code docker load}, see {@code
   * tarFile}).
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "target", defaultValue = "docker")
  String target;

  /**
   * The tar file written when {@code target} is {@code tar}.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = PROPERTY_PREFIX + "tarFile",
      defaultValue = "${project.build.directory}/jenkins-dind-image.tar")
  File tarFile;

  /**
   * The platform to build for, {@code os/architecture}: {@code linux/amd64} or {@code linux/arm64}
   * (which takes the aarch64 docker CLI). The base image must have it.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "platform", defaultValue = "linux/amd64")
  String platform;

  /**
   * The platforms of a multi-platform image, comma-separated, for example {@code
   * linux/amd64,linux/arm64}, or {@code all}: every platform of the base's manifest list or OCI
   * index (a registry base) that a docker CLI and the plugins exist for, with a warning naming the
   * others. Each is built from the base's image for it, with its own account files and the docker
   * CLI (and plugins) for its architecture, and one image index ties them together. A registry
   * target pushes each platform under {@code <tag>-<os>-<architecture>} and the index under the
   * tags; a tar target writes an OCI layout tar holding the index; a docker target builds and loads
   * one: the daemon's own platform when it is among them, else {@code platform}. Per-architecture
   * pins and files: {@code dockerClientSha256=amd64=…,arm64=…}, {@code
   * dockerClient=amd64=…,arm64=…} (likewise for buildx and compose). Unset: one platform, {@code
   * platform}.
   *
   * @since 0.2.0
   */
  @Parameter(property = PROPERTY_PREFIX + "platforms")
  String platforms;

  /**
   * The version of the static docker CLI to download; also recorded in the image's labels when
   * {@code dockerClient} is set.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "dockerVersion", defaultValue = DockerCli.DEFAULT_VERSION)
  String dockerVersion;

  /**
   * The download URL of the static docker CLI tarball, with the placeholders {@code {arch}} ({@code
   * x86_64} or {@code aarch64}) and {@code {version}}. Point it at a mirror that keeps Docker's
   * layout. Downloads are cached in {@code cacheDirectory}.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = PROPERTY_PREFIX + "dockerClientUrl",
      defaultValue = DockerCli.DEFAULT_URL_TEMPLATE)
  String dockerClientUrl;

  /**
   * A local docker CLI: a static binary, or a tarball in Docker's layout ({@code docker/docker}
   * inside). When set, nothing is downloaded: for air-gapped builds. With {@code platforms}: one
   * file per architecture, {@code amd64=path,arm64=path} (a platform without one downloads).
   * Relative paths are resolved against the project's directory.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "dockerClient")
  String dockerClient;

  /**
   * The expected sha256 (64 hex digits) of the downloaded tarball or of {@code dockerClient}. The
   * build fails if the file does not match. With {@code platforms}: one per architecture, {@code
   * amd64=…,arm64=…}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "dockerClientSha256")
  String dockerClientSha256;

  /**
   * Fails the build when no {@code dockerClientSha256} is set, or a CLI plugin has no pin (its own
   * {@code buildxSha256} or {@code composeSha256}, or the built-in one of its default version): for
   * release builds.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "requireDockerClientSha256", defaultValue = "false")
  boolean requireDockerClientSha256;

  /**
   * The docker CLI plugins the image carries in {@code /usr/local/libexec/docker/cli-plugins/}:
   * {@code buildx} (which {@code docker build} needs since Docker 23) and {@code compose} (with a
   * {@code /usr/local/bin/docker-compose} link), or {@code none}. On the command line:
   * comma-separated. Both by default.
   *
   * @since 0.2.0
   */
  @Parameter(property = PROPERTY_PREFIX + "cliPlugins")
  List<String> cliPlugins;

  /**
   * The buildx version to download. The default version's published sha256 are built in, so its
   * download is checked without {@code buildxSha256}.
   *
   * @since 0.2.0
   */
  @Parameter(
      property = PROPERTY_PREFIX + "buildxVersion",
      defaultValue = DockerCliPlugin.DEFAULT_BUILDX_VERSION)
  String buildxVersion;

  /**
   * The download URL of buildx, with {@code {version}} and {@code {arch}} ({@code amd64}, {@code
   * arm64}, {@code arm-v7}, {@code ppc64le}, {@code s390x}): GitHub's release files by default;
   * point it at a mirror that keeps their names.
   *
   * @since 0.2.0
   */
  @Parameter(
      property = PROPERTY_PREFIX + "buildxUrl",
      defaultValue = DockerCliPlugin.DEFAULT_BUILDX_URL_TEMPLATE)
  String buildxUrl;

  /**
   * A local buildx binary ({@code docker-buildx}); nothing is downloaded then. Set {@code
   * buildxVersion} to its version, for the label. With {@code platforms}: {@code
   * amd64=path,arm64=path}.
   *
   * @since 0.2.0
   */
  @Parameter(property = PROPERTY_PREFIX + "buildxFile")
  String buildxFile;

  /**
   * The expected sha256 of the buildx file (downloaded or local); with {@code platforms}, {@code
   * amd64=…,arm64=…}.
   *
   * @since 0.2.0
   */
  @Parameter(property = PROPERTY_PREFIX + "buildxSha256")
  String buildxSha256;

  /**
   * Leaves buildx out of the image, whatever {@code cliPlugins} says.
   *
   * @since 0.2.0
   */
  @Parameter(property = PROPERTY_PREFIX + "skipBuildx", defaultValue = "false")
  boolean skipBuildx;

  /**
   * The compose version to download. The default version's published sha256 are built in, so its
   * download is checked without {@code composeSha256}.
   *
   * @since 0.2.0
   */
  @Parameter(
      property = PROPERTY_PREFIX + "composeVersion",
      defaultValue = DockerCliPlugin.DEFAULT_COMPOSE_VERSION)
  String composeVersion;

  /**
   * The download URL of compose, with {@code {version}} and {@code {arch}} ({@code x86_64}, {@code
   * aarch64}, {@code armv7}, {@code ppc64le}, {@code s390x}): GitHub's release files by default;
   * point it at a mirror that keeps their names.
   *
   * @since 0.2.0
   */
  @Parameter(
      property = PROPERTY_PREFIX + "composeUrl",
      defaultValue = DockerCliPlugin.DEFAULT_COMPOSE_URL_TEMPLATE)
  String composeUrl;

  /**
   * A local compose binary ({@code docker-compose}); nothing is downloaded then. Set {@code
   * composeVersion} to its version, for the label. With {@code platforms}: {@code
   * amd64=path,arm64=path}.
   *
   * @since 0.2.0
   */
  @Parameter(property = PROPERTY_PREFIX + "composeFile")
  String composeFile;

  /**
   * The expected sha256 of the compose file (downloaded or local); with {@code platforms}, {@code
   * amd64=…,arm64=…}.
   *
   * @since 0.2.0
   */
  @Parameter(property = PROPERTY_PREFIX + "composeSha256")
  String composeSha256;

  /**
   * Leaves compose (and its {@code docker-compose} link) out of the image, whatever {@code
   * cliPlugins} says.
   *
   * @since 0.2.0
   */
  @Parameter(property = PROPERTY_PREFIX + "skipCompose", defaultValue = "false")
  boolean skipCompose;

  /**
   * The GID of the {@code docker} group in the image: a number from 0 to 2147483647, or {@code
   * auto} for the GID of the local Docker socket of the daemon found as {@code dockerHost} says
   * ({@code DOCKER_HOST}, the Docker context, the rootless socket or {@code /var/run/docker.sock}
   * when it is unset); {@code auto} fails for a daemon reached over TCP. It should be the GID that
   * owns the socket on the host where the image runs; the {@code run} goal also adds that GID when
   * it differs.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "dockerGid", defaultValue = "999")
  String dockerGid;

  /**
   * The name of the group that gets {@code dockerGid} in the image. An existing group of that name
   * has its GID changed; a group that already has that GID is used as it is.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "dockerGroup", defaultValue = "docker")
  String dockerGroup;

  /**
   * The user that runs Jenkins and joins the docker group. If the base has no such user it is
   * created (UID 1000, home {@code /var/jenkins_home}).
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "user", defaultValue = "jenkins")
  String user;

  /**
   * Labels added to the image; the base image's labels are kept. Only in the POM: {@code
   * <labels><org.opencontainers.image.source>...</org.opencontainers.image.source></labels>}.
   *
   * @since 0.1.0
   */
  @Parameter Map<String, String> labels;

  /**
   * Allows registries over plain http or with certificates that are not trusted (for the base and
   * the target), for example a registry on {@code localhost}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "allowInsecureRegistries", defaultValue = "false")
  boolean allowInsecureRegistries;

  /**
   * With {@code target=docker} and a registry base: whether the Docker daemon pulls the base itself
   * (as {@code docker pull} does, so the build downloads none of it and loads only its own two
   * layers). Set it to {@code false} when the daemon cannot reach the base's registry (a remote
   * {@code DOCKER_HOST} behind a firewall, a registry whose certificate only the build trusts): the
   * build then downloads the base and loads the whole image.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "daemonPullsBase", defaultValue = "true")
  boolean daemonPullsBase;

  /**
   * Build even when nothing changed. By default, when the base's digest and every input (the docker
   * CLI and its plugins, the account edit, labels, tags, a {@code pluginsLockFile}, configuration
   * as code and init scripts) are those of an earlier build with the same cache, and the target
   * still holds that build's image (the registry has the manifest, the daemon the image ID, the tar
   * file is the one written), the goal only checks that, re-applies tags that moved and says "Up to
   * date". Plugins resolved from an update center without a lock file, and offline builds, are
   * always built.
   *
   * @since 0.2.0
   */
  @Parameter(property = PROPERTY_PREFIX + "rebuild", defaultValue = "false")
  boolean rebuild;

  /**
   * Jenkins plugins to put into {@code /usr/share/jenkins/ref/plugins/}, in the plugins.txt syntax:
   * {@code id}, {@code id:version}, {@code id:version:url} or {@code id::url} ({@code latest} and
   * {@code experimental} are versions too). Their dependencies are resolved from the update center:
   * a pin is kept exactly, an unpinned plugin gets the smallest version that every dependent
   * accepts. On the command line, comma-separated: {@code
   * -Djenkins-dind.plugins=git,docker-workflow}.
   *
   * @since 0.2.0
   */
  @Parameter(property = PROPERTY_PREFIX + "plugins")
  List<String> plugins;

  /**
   * A plugins.txt (one entry a line, {@code #} comments) or a plugins.yaml of the plugin
   * installation manager ({@code .yaml}/{@code .yml}), added to {@code plugins}.
   *
   * @since 0.2.0
   */
  @Parameter(property = PROPERTY_PREFIX + "pluginsFile")
  File pluginsFile;

  /**
   * A {@code plugins.lock} written by an earlier build (in {@code target/jenkins-dind/}): exactly
   * that set is installed, each file checked against its sha256, with no update center needed. The
   * entries of {@code plugins} and {@code pluginsFile} must agree with it.
   *
   * @since 0.2.0
   */
  @Parameter(property = PROPERTY_PREFIX + "pluginsLockFile")
  File pluginsLockFile;

  /**
   * The Jenkins update center, its plain JSON {@code update-center.actual.json}; point it at a
   * mirror for an air-gapped build.
   *
   * @since 0.2.0
   */
  @Parameter(
      property = PROPERTY_PREFIX + "updateCenterUrl",
      defaultValue = JenkinsPlugins.DEFAULT_UPDATE_CENTER_URL)
  String updateCenterUrl;

  /**
   * The {@code plugin-versions.json} that lists every version of every plugin, read for pinned
   * versions that are not the latest. By default the Jenkins project's for the default update
   * center, else the one beside {@code updateCenterUrl}.
   *
   * @since 0.2.0
   */
  @Parameter(property = PROPERTY_PREFIX + "pluginVersionsUrl")
  String pluginVersionsUrl;

  /**
   * A mirror for plugin downloads: a URL with {@code {id}} and {@code {version}}, or a base URL to
   * which {@code /<id>/<version>/<id>.hpi} is added, like the installation manager's {@code
   * JENKINS_UC_DOWNLOAD_URL}. The files are still checked against the update center's sha256.
   *
   * @since 0.2.0
   */
  @Parameter(property = PROPERTY_PREFIX + "pluginDownloadUrl")
  String pluginDownloadUrl;

  /**
   * The Jenkins version of the base, against which the plugins' required Jenkins versions are
   * checked. By default it is read from the base: its {@code JENKINS_VERSION}, else the manifest of
   * {@code /usr/share/jenkins/jenkins.war}.
   *
   * @since 0.2.0
   */
  @Parameter(property = PROPERTY_PREFIX + "jenkinsVersion")
  String jenkinsVersion;

  /**
   * Whether a security warning of the update center for a chosen plugin version fails the build; by
   * default it is logged as a warning.
   *
   * @since 0.2.0
   */
  @Parameter(property = PROPERTY_PREFIX + "failOnPluginWarnings", defaultValue = "false")
  boolean failOnPluginWarnings;

  /**
   * Configuration as code: a YAML file, or a directory of them. It goes to {@code
   * /usr/share/jenkins/casc/}, outside {@code JENKINS_HOME} so that a new image's configuration
   * takes effect on an existing volume, and {@code CASC_JENKINS_CONFIG} points there. Jenkins needs
   * the {@code configuration-as-code} plugin to read it.
   *
   * @since 0.2.0
   */
  @Parameter(property = PROPERTY_PREFIX + "casc")
  File casc;

  /**
   * Groovy init scripts, put into {@code /usr/share/jenkins/ref/init.groovy.d/}, which the official
   * image's start script copies into {@code JENKINS_HOME}.
   *
   * @since 0.2.0
   */
  @Parameter(property = PROPERTY_PREFIX + "initScripts")
  List<File> initScripts;

  /**
   * Starts Jenkins without its setup wizard: the JVM option {@code
   * -Djenkins.install.runSetupWizard=false} is appended to the base's {@code JAVA_OPTS}, which is
   * otherwise kept.
   *
   * @since 0.2.0
   */
  @Parameter(property = PROPERTY_PREFIX + "skipSetupWizard", defaultValue = "false")
  boolean skipSetupWizard;

  /**
   * Where base image layers, base account files and docker CLI downloads are cached, shared by
   * every project of the user.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = PROPERTY_PREFIX + "cacheDirectory",
      defaultValue = "${user.home}/.cache/jenkins-dind")
  File cacheDirectory;

  /**
   * Where {@code jenkins-dind/} with the result files goes.
   *
   * @since 0.1.0
   */
  @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
  File buildDirectory;

  /** The project's directory, against which relative paths of the string file settings resolve. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  File projectDirectory;

  private final SettingsDecrypter settingsDecrypter;

  /**
   * Creates the goal; Maven injects the decrypter and sets the parameters.
   *
   * @param settingsDecrypter decrypts passwords of {@code settings.xml} servers
   */
  @Inject
  public BuildMojo(SettingsDecrypter settingsDecrypter) {
    this.settingsDecrypter = settingsDecrypter;
  }

  @Override
  protected String goal() {
    return "build";
  }

  /**
   * Makes the build request; Maven's offline mode ({@code -o}) becomes the request's, which the
   * core checks against the target.
   *
   * @return the request
   * @throws ConfigurationException if a parameter is wrong
   */
  @Override
  protected BuildRequest request() throws JenkinsDindException {
    TargetKind kind = TargetKind.parse(target);
    ImagePlatform imagePlatform = ImagePlatform.parse(platform);
    ArchitectureFilesSetting cliFiles = files(Setting.DOCKER_CLIENT, dockerClient);
    DockerCli cli =
        new DockerCli(
            orEmpty(dockerVersion).trim(),
            orEmpty(dockerClientUrl).trim(),
            cliFiles.single(),
            blankToNull(dockerClientSha256),
            requireDockerClientSha256,
            cliFiles.byArchitecture());
    long gid = gid();
    BuildRequest.Builder request =
        BuildRequest.from(orEmpty(from).trim())
            .to(kind.target(orEmpty(image).trim(), tagSet(tags), tarFile.toPath()))
            .platform(imagePlatform);
    PlatformsSetting.apply(platforms, request);
    return request
        .dockerCli(cli)
        .cliPlugins(cliPluginList())
        .accounts(
            new AccountSpec(
                orEmpty(user).trim(),
                orEmpty(dockerGroup).trim(),
                gid,
                AccountSpec.NewUser.defaults()))
        .labels(labels == null ? Map.of() : new TreeMap<>(labels))
        .allowInsecureRegistries(allowInsecureRegistries)
        .offline(session.isOffline())
        .daemonPullsBase(daemonPullsBase)
        .rebuild(rebuild)
        .dockerHost(dockerHost)
        .cacheDirectory(cacheDirectory.toPath())
        .plugins(
            JenkinsParameters.plugins(plugins, pluginsFile, pluginsLockFile, updateCenterUrl)
                .withPluginVersionsUrl(blankToNull(pluginVersionsUrl))
                .withDownloadUrl(blankToNull(pluginDownloadUrl))
                .withJenkinsVersion(blankToNull(jenkinsVersion))
                .withFailOnWarnings(failOnPluginWarnings))
        .jenkinsConfig(JenkinsParameters.config(casc, initScripts, skipSetupWizard))
        .credentials(
            new SettingsCredentials(
                session.getSettings().getServers(), settingsDecrypter, getLog()::warn))
        .build();
  }

  @Override
  protected void perform(BuildRequest request) throws JenkinsDindException {
    BuildResult result = JenkinsDind.build(request, events());
    report(result, request.target());
  }

  private List<DockerCliPlugin> cliPluginList() throws ConfigurationException {
    List<DockerCliPlugin> plugins = new ArrayList<>();
    for (DockerCliPlugin.Name name : CliPluginsSetting.parse(cliPlugins)) {
      if (name == DockerCliPlugin.Name.BUILDX && !skipBuildx) {
        plugins.add(
            plugin(
                name,
                buildxVersion,
                buildxUrl,
                files(Setting.BUILDX_FILE, buildxFile),
                buildxSha256));
      } else if (name == DockerCliPlugin.Name.COMPOSE && !skipCompose) {
        plugins.add(
            plugin(
                name,
                composeVersion,
                composeUrl,
                files(Setting.COMPOSE_FILE, composeFile),
                composeSha256));
      }
    }
    return plugins;
  }

  private static DockerCliPlugin plugin(
      DockerCliPlugin.Name name,
      String version,
      String url,
      ArchitectureFilesSetting files,
      String sha256) {
    return new DockerCliPlugin(
        name,
        orEmpty(version).trim(),
        orEmpty(url).trim(),
        files.single(),
        blankToNull(sha256),
        files.byArchitecture());
  }

  private ArchitectureFilesSetting files(Setting setting, String text)
      throws ConfigurationException {
    return ArchitectureFilesSetting.parse(setting, text, projectDirectory.toPath());
  }

  private long gid() throws JenkinsDindException {
    OptionalLong number = GidSetting.parse(dockerGid);
    if (number.isPresent()) {
      return number.getAsLong();
    }
    Path socket = GidSetting.localSocket(JenkinsDind.dockerHost(dockerHost()));
    long found = JenkinsDind.dockerSocketGid(socket);
    getLog().info("dockerGid auto: " + socket + " belongs to GID " + found);
    return found;
  }

  private void report(BuildResult result, ImageTarget target) throws EnvironmentException {
    TargetKind kind = TargetKind.of(target);
    getLog()
        .info(
            "Image: "
                + result.image()
                + "@"
                + result.digest()
                + " (target "
                + kind.key()
                + (result.tags().isEmpty()
                    ? ""
                    : ", tags: " + String.join(", ", new TreeSet<>(result.tags())))
                + ")");
    if (target instanceof ImageTarget.TarFile tar) {
      getLog()
          .info("Tar file: " + tar.file() + " (load it with `docker load -i " + tar.file() + "`)");
    }
    Path directory = buildDirectory.toPath().resolve("jenkins-dind");
    try {
      ResultFiles.write(directory, result, kind.key());
    } catch (IOException e) {
      throw new EnvironmentException(
          "Could not write the build result to " + directory + ": " + e.getMessage(),
          null,
          null,
          "perhaps you should check that the build directory is writable",
          e);
    }
    getLog()
        .info(
            "Result files: "
                + directory
                + " ("
                + String.join(", ", ResultFiles.DIGEST, ResultFiles.IMAGE_ID, ResultFiles.JSON)
                + (result.pluginsLock() == null ? "" : ", " + ResultFiles.PLUGINS_LOCK)
                + ")");
  }

  /**
   * Reads the {@code tags} setting: elements may hold several comma-separated tags; blanks are
   * dropped, order and duplicates do not matter.
   *
   * @param values the setting's elements, or {@code null}
   * @return the tags
   */
  static Set<String> tagSet(List<String> values) {
    Set<String> result = new LinkedHashSet<>();
    if (values != null) {
      for (String value : values) {
        if (value == null) {
          continue;
        }
        for (String tag : value.split(",", -1)) {
          if (!tag.isBlank()) {
            result.add(tag.trim());
          }
        }
      }
    }
    return result;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
