package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.internal.cli.BinaryKind;
import io.github.jenkinsdind.core.internal.cli.Toolchain;
import io.github.jenkinsdind.core.internal.plugins.PluginSet;
import java.util.Map;
import java.util.TreeMap;

/** The labels a build adds: the user's, then the ones that say what was done. */
final class ImageLabels {
  /** OCI: the base image's reference. */
  static final String BASE_NAME = "org.opencontainers.image.base.name";

  /** OCI: the base image's digest. */
  static final String BASE_DIGEST = "org.opencontainers.image.base.digest";

  /** The docker CLI version in the image. */
  static final String DOCKER_CLI_VERSION = "io.github.jenkinsdind.docker-cli.version";

  /** The buildx plugin's version in the image, when it has one. */
  static final String BUILDX_VERSION = "io.github.jenkinsdind.docker-buildx.version";

  /** The compose plugin's version in the image, when it has one. */
  static final String COMPOSE_VERSION = "io.github.jenkinsdind.docker-compose.version";

  /** The docker group's GID in the image. */
  static final String DOCKER_GID = "io.github.jenkinsdind.docker.gid";

  /** The docker group's name in the image. */
  static final String DOCKER_GROUP = "io.github.jenkinsdind.docker.group";

  /** The base's Jenkins version the plugins were resolved for, when plugins are asked for. */
  static final String JENKINS_VERSION = "io.github.jenkinsdind.jenkins.version";

  /** How many Jenkins plugins the image has, when plugins are asked for. */
  static final String JENKINS_PLUGINS = "io.github.jenkinsdind.jenkins-plugins.count";

  private ImageLabels() {}

  /**
   * Returns the labels: the user's, with the build's own on top (they say what the image holds, so
   * they win over a user label of the same key).
   *
   * @param request the request
   * @param baseDigest the base's digest
   * @param toolchain the docker CLI and its plugins
   * @param plugins the Jenkins plugins
   * @return the labels, sorted by key
   */
  static Map<String, String> of(
      BuildRequest request, String baseDigest, Toolchain toolchain, PluginSet plugins) {
    Map<String, String> labels = new TreeMap<>(request.labels());
    labels.put(BASE_NAME, request.from());
    labels.put(BASE_DIGEST, baseDigest);
    labels.put(DOCKER_CLI_VERSION, toolchain.cli().version());
    toolchain.plugin(BinaryKind.BUILDX).ifPresent(b -> labels.put(BUILDX_VERSION, b.version()));
    toolchain.plugin(BinaryKind.COMPOSE).ifPresent(c -> labels.put(COMPOSE_VERSION, c.version()));
    labels.put(DOCKER_GID, Long.toString(request.accounts().gid()));
    labels.put(DOCKER_GROUP, request.accounts().group());
    if (!request.plugins().isEmpty()) {
      labels.put(JENKINS_PLUGINS, Integer.toString(plugins.plugins().size()));
      if (plugins.jenkinsVersion() != null) {
        labels.put(JENKINS_VERSION, plugins.jenkinsVersion());
      }
    }
    return labels;
  }
}
