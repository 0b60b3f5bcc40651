package io.github.jenkinsdind.core.api;

/**
 * The user-facing settings of jenkins-dind. A {@link JenkinsDindException} names the one at fault,
 * so that a front end (the Maven plugin, say) can tell the user which element or property to
 * change.
 *
 * <p>{@link #key()} is the setting's name as users write it, for example {@code dockerGid}.
 */
public enum Setting {
  /** The base image reference. */
  FROM("from"),
  /** The target image reference. */
  IMAGE("image"),
  /** Additional tags of the target image. */
  TAGS("tags"),
  /** Where the image goes: registry, Docker daemon or tar file. */
  TARGET("target"),
  /** The tar file written for a tar target. */
  TAR_FILE("tarFile"),
  /** The image platform, {@code os/architecture}. */
  PLATFORM("platform"),
  /** The docker CLI version to download. */
  DOCKER_VERSION("dockerVersion"),
  /** The download URL template of the docker CLI. */
  DOCKER_CLIENT_URL("dockerClientUrl"),
  /** A local docker CLI binary or tarball. */
  DOCKER_CLIENT("dockerClient"),
  /** The expected sha256 of the docker CLI file. */
  DOCKER_CLIENT_SHA256("dockerClientSha256"),
  /** Whether a pinned sha256 is required for the docker CLI. */
  REQUIRE_DOCKER_CLIENT_SHA256("requireDockerClientSha256"),
  /**
   * The docker CLI plugins the image carries: {@code buildx}, {@code compose}, or {@code none}.
   *
   * @since 0.2.0
   */
  CLI_PLUGINS("cliPlugins"),
  /**
   * The buildx plugin's version.
   *
   * @since 0.2.0
   */
  BUILDX_VERSION("buildxVersion"),
  /**
   * The buildx plugin's download URL template.
   *
   * @since 0.2.0
   */
  BUILDX_URL("buildxUrl"),
  /**
   * A local buildx plugin binary.
   *
   * @since 0.2.0
   */
  BUILDX_FILE("buildxFile"),
  /**
   * The expected sha256 of the buildx plugin file.
   *
   * @since 0.2.0
   */
  BUILDX_SHA256("buildxSha256"),
  /**
   * The compose plugin's version.
   *
   * @since 0.2.0
   */
  COMPOSE_VERSION("composeVersion"),
  /**
   * The compose plugin's download URL template.
   *
   * @since 0.2.0
   */
  COMPOSE_URL("composeUrl"),
  /**
   * A local compose plugin binary.
   *
   * @since 0.2.0
   */
  COMPOSE_FILE("composeFile"),
  /**
   * The expected sha256 of the compose plugin file.
   *
   * @since 0.2.0
   */
  COMPOSE_SHA256("composeSha256"),
  /** The GID of the docker group in the image. */
  DOCKER_GID("dockerGid"),
  /** The name of the docker group in the image. */
  DOCKER_GROUP("dockerGroup"),
  /** The user that runs Jenkins in the image. */
  USER("user"),
  /** Labels added to the image. */
  LABELS("labels"),
  /** Whether plain-http or untrusted-certificate registries are allowed. */
  ALLOW_INSECURE_REGISTRIES("allowInsecureRegistries"),
  /** The cache directory. */
  CACHE_DIRECTORY("cacheDirectory"),
  /** Offline mode. */
  OFFLINE("offline"),
  /** Whether the Docker daemon pulls a registry base for a docker target. */
  DAEMON_PULLS_BASE("daemonPullsBase"),
  /** Whether an unchanged rebuild builds anyway. */
  REBUILD("rebuild"),
  /** The name of the Jenkins container. */
  CONTAINER_NAME("containerName"),
  /** Published ports of the Jenkins container. */
  PORTS("ports"),
  /** The volume or host directory mounted at /var/jenkins_home. */
  JENKINS_HOME("jenkinsHome"),
  /** The Docker socket mounted into the container. */
  DOCKER_SOCKET("dockerSocket"),
  /**
   * The Docker daemon to talk to, ahead of {@code DOCKER_HOST} and the Docker contexts.
   *
   * @since 0.2.0
   */
  DOCKER_HOST("dockerHost"),
  /** The supplementary group given to the container's user. */
  GROUP_ADD("groupAdd"),
  /** Environment variables of the container. */
  ENV("env"),
  /** JAVA_OPTS of the container. */
  JAVA_OPTS("javaOpts"),
  /** The container's restart policy. */
  RESTART_POLICY("restartPolicy"),
  /** Whether an existing container of this plugin is replaced. */
  REPLACE("replace"),
  /** How long to wait for Jenkins to answer. */
  WAIT("wait"),
  /**
   * Whether {@code check} also proves buildx (a BuildKit build) and compose in the image.
   *
   * @since 0.2.0
   */
  CHECK_TOOLCHAIN("checkToolchain"),
  /** Whether the jenkins_home volume is removed on stop. */
  REMOVE_VOLUME("removeVolume"),

  // Jenkins plugins (issue 15)
  /**
   * Jenkins plugins to install, in the plugins.txt syntax: {@code id}, {@code id:version}, {@code
   * id:version:url} or {@code id::url}; the version may be {@code latest} or {@code experimental}.
   *
   * @since 0.2.0
   */
  PLUGINS("plugins"),
  /**
   * A plugins.txt (with {@code #} comments) or a plugins.yaml of the plugin installation manager.
   *
   * @since 0.2.0
   */
  PLUGINS_FILE("pluginsFile"),
  /**
   * A plugins.lock written by an earlier build: the exact set of plugins to install, with no update
   * center needed.
   *
   * @since 0.2.0
   */
  PLUGINS_LOCK_FILE("pluginsLockFile"),
  /**
   * The Jenkins update center, {@code update-center.actual.json} (plain JSON, not JSONP).
   *
   * @since 0.2.0
   */
  UPDATE_CENTER_URL("updateCenterUrl"),
  /**
   * The {@code plugin-versions.json} that lists every version of every plugin.
   *
   * @since 0.2.0
   */
  PLUGIN_VERSIONS_URL("pluginVersionsUrl"),
  /**
   * A mirror for plugin downloads: a URL template with {@code {id}} and {@code {version}}, or a
   * base URL like the installation manager's {@code JENKINS_UC_DOWNLOAD_URL}.
   *
   * @since 0.2.0
   */
  PLUGIN_DOWNLOAD_URL("pluginDownloadUrl"),
  /**
   * The Jenkins version of the base, when it cannot be read from the base.
   *
   * @since 0.2.0
   */
  JENKINS_VERSION("jenkinsVersion"),
  /**
   * Whether a security warning of the update center for a chosen plugin version fails the build.
   *
   * @since 0.2.0
   */
  FAIL_ON_PLUGIN_WARNINGS("failOnPluginWarnings"),

  // multi-platform (issue 14)
  /**
   * The platforms of a multi-platform image, {@code os/architecture[/variant]} separated by commas,
   * or {@code all} for every platform of the base that a docker CLI exists for.
   *
   * @since 0.2.0
   */
  PLATFORMS("platforms"),

  // Jenkins configuration (issue 15)
  /**
   * Configuration as code: a YAML file or a directory of them, put outside {@code JENKINS_HOME}
   * with {@code CASC_JENKINS_CONFIG} pointing there.
   *
   * @since 0.2.0
   */
  CASC("casc"),
  /**
   * Groovy init scripts put into {@code /usr/share/jenkins/ref/init.groovy.d/}.
   *
   * @since 0.2.0
   */
  INIT_SCRIPTS("initScripts"),
  /**
   * Whether Jenkins starts without its setup wizard (a JVM option appended to {@code JAVA_OPTS}).
   *
   * @since 0.2.0
   */
  SKIP_SETUP_WIZARD("skipSetupWizard");

  private final String key;

  Setting(String key) {
    this.key = key;
  }

  /**
   * Returns the setting's name as users write it.
   *
   * @return the name, for example {@code dockerGid}
   */
  public String key() {
    return key;
  }
}
