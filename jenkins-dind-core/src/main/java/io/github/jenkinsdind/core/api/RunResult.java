package io.github.jenkinsdind.core.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link JenkinsContainers#run} started.
 *
 * @param containerId the container's ID
 * @param containerName the container's name
 * @param image the image it runs
 * @param url Jenkins' web address, with the host port the daemon really bound, for example {@code
 *     http://localhost:8080/}
 * @param ports every published port, with the real host ports
 * @param jenkinsHome the volume name or host path mounted at {@code /var/jenkins_home}
 * @param firstStart whether jenkins_home was new (a volume created now, or an empty directory)
 * @param ready whether Jenkins answered on its web port ({@code false} when not waited for)
 * @param initialAdminPassword the initial admin password, on a first start once Jenkins is ready
 * @param groupsAdded the supplementary GIDs given to the container's user
 */
public record RunResult(
    String containerId,
    String containerName,
    String image,
    String url,
    List<PublishedPort> ports,
    String jenkinsHome,
    boolean firstStart,
    boolean ready,
    Optional<String> initialAdminPassword,
    List<Long> groupsAdded) {

  /**
   * Checks and copies the parts.
   *
   * @param containerId the ID
   * @param containerName the name
   * @param image the image
   * @param url the web address
   * @param ports the published ports
   * @param jenkinsHome the jenkins_home volume or path
   * @param firstStart whether first start
   * @param ready whether ready
   * @param initialAdminPassword the password, if reported
   * @param groupsAdded the added groups
   */
  public RunResult {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(containerName, "containerName");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(url, "url");
    ports = List.copyOf(ports);
    Objects.requireNonNull(jenkinsHome, "jenkinsHome");
    Objects.requireNonNull(initialAdminPassword, "initialAdminPassword");
    groupsAdded = List.copyOf(groupsAdded);
  }
}
