package io.github.jenkinsdind.core.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link JenkinsContainers#check} checks: whether a container of {@code image}, running as the
 * image's user with {@code dockerSocket} mounted and the group policy of {@code run}, can use the
 * Docker daemon.
 *
 * @param image the image; it must be in the daemon already
 * @param dockerSocket the Docker socket on the Docker host, mounted at the same path
 * @param groupAdd {@code auto}, {@code none} or a GID, as for {@link RunRequest#groupAdd()}
 * @param dockerHost the Docker daemon to talk to, as for {@link RunRequest#dockerHost()}; empty for
 *     the one the environment gives
 */
public record CheckRequest(
    String image, String dockerSocket, String groupAdd, Optional<String> dockerHost) {

  /**
   * Checks the parts.
   *
   * @param image the image
   * @param dockerSocket the socket
   * @param groupAdd the group policy
   * @param dockerHost the daemon, if one was given
   */
  public CheckRequest {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(dockerSocket, "dockerSocket");
    Objects.requireNonNull(groupAdd, "groupAdd");
    Objects.requireNonNull(dockerHost, "dockerHost");
  }

  /**
   * Checks an image on the daemon that the environment gives.
   *
   * @param image the image
   * @param dockerSocket the socket
   * @param groupAdd the group policy
   */
  public CheckRequest(String image, String dockerSocket, String groupAdd) {
    this(image, dockerSocket, groupAdd, Optional.empty());
  }

  /**
   * Checks an image with the defaults of {@code run}: socket {@code /var/run/docker.sock}, groupAdd
   * {@code auto}.
   *
   * @param image the image
   * @return the request
   */
  public static CheckRequest of(String image) {
    return new CheckRequest(image, RunRequest.DEFAULT_DOCKER_SOCKET, RunRequest.DEFAULT_GROUP_ADD);
  }
}
