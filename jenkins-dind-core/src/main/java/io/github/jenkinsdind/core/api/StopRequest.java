package io.github.jenkinsdind.core.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link JenkinsContainers#stop} stops.
 *
 * @param containerName the name of a container that jenkins-dind made; any other is left alone
 * @param removeVolume whether the named volume mounted at {@code /var/jenkins_home} is removed too
 *     (never done unless asked; a host directory is never deleted)
 * @param dockerHost the Docker daemon to talk to, as for {@link RunRequest#dockerHost()}; empty for
 *     the one the environment gives
 */
public record StopRequest(String containerName, boolean removeVolume, Optional<String> dockerHost) {

  /**
   * Checks the parts.
   *
   * @param containerName the container name
   * @param removeVolume whether to remove the volume
   * @param dockerHost the daemon, if one was given
   */
  public StopRequest {
    Objects.requireNonNull(containerName, "containerName");
    Objects.requireNonNull(dockerHost, "dockerHost");
  }

  /**
   * Stops a container on the daemon that the environment gives.
   *
   * @param containerName the container name
   * @param removeVolume whether to remove the volume
   */
  public StopRequest(String containerName, boolean removeVolume) {
    this(containerName, removeVolume, Optional.empty());
  }

  /**
   * Stops a container and keeps its jenkins_home.
   *
   * @param containerName the container name
   * @return the request
   */
  public static StopRequest of(String containerName) {
    return new StopRequest(containerName, false);
  }
}
