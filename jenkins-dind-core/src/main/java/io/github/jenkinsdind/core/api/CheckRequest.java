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
 * @param toolchain whether, once {@code docker version} passes, the check also proves the toolchain
 *     a job uses: {@code docker buildx version} and a real BuildKit build whose {@code FROM} is the
 *     image, then, when the image has compose, {@code docker compose version}, {@code up -d} and
 *     {@code down} of a one-service project (true unless said otherwise)
 */
public record CheckRequest(
    String image,
    String dockerSocket,
    String groupAdd,
    Optional<String> dockerHost,
    boolean toolchain) {

  /**
   * Checks the parts.
   *
   * @param image the image
   * @param dockerSocket the socket
   * @param groupAdd the group policy
   * @param dockerHost the daemon, if one was given
   * @param toolchain whether the toolchain is checked too
   */
  public CheckRequest {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(dockerSocket, "dockerSocket");
    Objects.requireNonNull(groupAdd, "groupAdd");
    Objects.requireNonNull(dockerHost, "dockerHost");
  }

  /**
   * Checks an image, its toolchain included.
   *
   * @param image the image
   * @param dockerSocket the socket
   * @param groupAdd the group policy
   * @param dockerHost the daemon, if one was given
   */
  public CheckRequest(
      String image, String dockerSocket, String groupAdd, Optional<String> dockerHost) {
    this(image, dockerSocket, groupAdd, dockerHost, true);
  }

  /**
   * Returns a copy that checks the toolchain, or only {@code docker version}.
   *
   * @param value whether the toolchain is checked
   * @return the copy
   * @since 0.2.0
   */
  public CheckRequest withToolchain(boolean value) {
    return new CheckRequest(image, dockerSocket, groupAdd, dockerHost, value);
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
