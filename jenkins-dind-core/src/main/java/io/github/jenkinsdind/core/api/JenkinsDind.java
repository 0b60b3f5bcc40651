package io.github.jenkinsdind.core.api;

import io.github.jenkinsdind.core.internal.daemon.DockerEngineClients;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import io.github.jenkinsdind.core.internal.imagebuild.ImageBuild;
import io.github.jenkinsdind.core.internal.plugins.JenkinsPluginsResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The entry point of the image build: takes a Jenkins base image, adds the docker group with the
 * chosen GID, puts the Jenkins user in it, layers the static docker CLI at {@code
 * /usr/local/bin/docker}, keeps everything else of the base, and writes the result to a registry, a
 * Docker daemon or a tar file.
 *
 * <pre>{@code
 * BuildResult result = JenkinsDind.build(
 *     BuildRequest.from("jenkins/jenkins:lts-jdk21")
 *         .to(ImageTarget.dockerDaemon("my-jenkins:1.0", Set.of()))
 *         .build(),
 *     EventHandler.NONE);
 * }</pre>
 */
public final class JenkinsDind {
  private JenkinsDind() {}

  /**
   * Builds the image. Everything that can be checked before writing is checked first (the
   * configuration, the docker CLI, the base's account files), so a failure leaves no partial image
   * behind.
   *
   * @param request what to build
   * @param events receives progress and messages
   * @return what was built
   * @throws ConfigurationException if the request is wrong
   * @throws RegistryAuthenticationException if a registry refused the credentials
   * @throws EnvironmentException if a registry, the network, the daemon or the file system failed
   * @throws JenkinsDindException for any other failure
   */
  public static BuildResult build(BuildRequest request, EventHandler events)
      throws JenkinsDindException {
    return new ImageBuild(request, events).run();
  }

  /**
   * Lists the plugins of a lock file that the update center has newer releases of, as the plugin
   * installation manager's {@code --available-updates} does. Nothing is built or changed.
   *
   * @param plugins the lock file ({@link JenkinsPlugins#lockFile()}) and the update center
   * @param cacheDirectory the cache, where the update center's JSON is kept
   * @param offline whether only the cached update center may be used
   * @param events receives progress and messages
   * @return the updates, ordered by id; empty if every plugin is at the latest version
   * @throws ConfigurationException if no lock file is set or it is malformed
   * @throws JenkinsDindException if the update center cannot be read
   * @since 0.2.0
   */
  public static List<PluginUpdate> pluginUpdates(
      JenkinsPlugins plugins, Path cacheDirectory, boolean offline, EventHandler events)
      throws JenkinsDindException {
    return new JenkinsPluginsResolver(new CacheLayout(cacheDirectory), offline, events)
        .availableUpdates(plugins).stream()
            .map(u -> new PluginUpdate(u.id(), u.locked(), u.latest()))
            .toList();
  }

  /**
   * Returns the GID of the group owning a local Docker socket: what the docker group's GID in the
   * image must be for the Jenkins user to use that socket without a supplementary group at run
   * time.
   *
   * @param socket the socket, for example {@code /var/run/docker.sock}
   * @return its owning group's GID
   * @throws ConfigurationException if there is no such socket here (it names {@link
   *     Setting#DOCKER_GID}, whose value {@code auto} asked for it)
   */
  public static long dockerSocketGid(Path socket) throws ConfigurationException {
    if (!Files.exists(socket)) {
      throw new ConfigurationException(
          "dockerGid is 'auto' but there is no Docker socket at " + socket,
          Setting.DOCKER_GID,
          "auto",
          "perhaps you should give the GID as a number (the GID of the docker group on the host that"
              + " will run Jenkins: `stat -c %g /var/run/docker.sock` there)");
    }
    try {
      return ((Number) Files.getAttribute(socket, "unix:gid")).longValue();
    } catch (IOException | UnsupportedOperationException e) {
      throw new ConfigurationException(
          "dockerGid is 'auto' but the GID of " + socket + " cannot be read: " + e.getMessage(),
          Setting.DOCKER_GID,
          "auto",
          "perhaps you should give the GID as a number",
          e);
    }
  }

  /**
   * Finds the Docker daemon as the build and the goals find it, without connecting: {@code
   * dockerHost}, then {@code DOCKER_HOST}, {@code DOCKER_CONTEXT}, the current context of the
   * Docker configuration, the rootless socket, {@code /var/run/docker.sock}.
   *
   * @param dockerHost a daemon address given as a setting, which comes first
   * @return the daemon's address, such as {@code unix:///var/run/docker.sock} or {@code
   *     tcp://192.0.2.7:2376}
   * @throws JenkinsDindException if the address, the context or its TLS files are unusable
   * @since 0.2.0
   */
  public static String dockerHost(Optional<String> dockerHost) throws JenkinsDindException {
    return DockerEngineClients.environmentEndpoint(dockerHost).host().toString();
  }
}
