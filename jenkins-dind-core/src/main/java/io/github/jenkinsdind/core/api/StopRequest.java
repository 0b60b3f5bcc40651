package io.github.jenkinsdind.core.api;

import java.util.Objects;

/**
 * What {@link JenkinsContainers#stop} stops.
 *
 * @param containerName the name of a container that jenkins-dind made; any other is left alone
 * @param removeVolume whether the named volume mounted at {@code /var/jenkins_home} is removed too
 *     (never done unless asked; a host directory is never deleted)
 */
public record StopRequest(String containerName, boolean removeVolume) {

  /**
   * Checks the parts.
   *
   * @param containerName the container name
   * @param removeVolume whether to remove the volume
   */
  public StopRequest {
    Objects.requireNonNull(containerName, "containerName");
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
