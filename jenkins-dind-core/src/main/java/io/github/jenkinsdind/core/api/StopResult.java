package io.github.jenkinsdind.core.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link JenkinsContainers#stop} did.
 *
 * @param containerName the container name asked for
 * @param removed whether a container was stopped and removed ({@code false}: there was none)
 * @param jenkinsHome the volume name or host path that was mounted at {@code /var/jenkins_home}
 * @param jenkinsHomeRemoved whether that volume was removed
 */
public record StopResult(
    String containerName,
    boolean removed,
    Optional<String> jenkinsHome,
    boolean jenkinsHomeRemoved) {

  /**
   * Checks the parts.
   *
   * @param containerName the container name
   * @param removed whether removed
   * @param jenkinsHome the jenkins_home, if a container was found
   * @param jenkinsHomeRemoved whether the volume was removed
   */
  public StopResult {
    Objects.requireNonNull(containerName, "containerName");
    Objects.requireNonNull(jenkinsHome, "jenkinsHome");
  }
}
