package io.github.jenkinsdind.core.internal.container;

import io.github.jenkinsdind.core.api.RunRequest;
import io.github.jenkinsdind.core.internal.daemon.DaemonKind;
import io.github.jenkinsdind.core.internal.daemon.DaemonKind.Kind;
import io.github.jenkinsdind.core.internal.daemon.DockerEndpoint;

/**
 * The Docker socket a container gets: a path on the daemon's host, never one of the machine that
 * runs the build, unless they are the same. A pure function of the request, the endpoint and the
 * kind of daemon.
 *
 * <ul>
 *   <li>A socket the user gave (other than the default) is taken as is.
 *   <li>A daemon reached over TCP may run anywhere: the socket is its host's own default, {@code
 *       /var/run/docker.sock} ({@code /run/podman/podman.sock} for rootful Podman).
 *   <li>Docker Desktop runs its daemon in a virtual machine and maps {@code /var/run/docker.sock}
 *       to the socket inside it; the socket in the user's home cannot be mounted.
 *   <li>Any other daemon reached through a unix socket of this machine (rootless Docker's {@code
 *       $XDG_RUNTIME_DIR/docker.sock}, Podman's socket, a socket named by a context) runs here:
 *       that socket is the one to mount.
 * </ul>
 */
public final class DaemonSocket {
  private DaemonSocket() {}

  /**
   * Chooses the socket to mount.
   *
   * @param requested the socket of the request ({@link RunRequest#DEFAULT_DOCKER_SOCKET} unless the
   *     user gave one)
   * @param endpoint the daemon the client talks to
   * @param kind the kind of daemon
   * @return the socket's path on the daemon's host
   */
  public static String toMount(String requested, DockerEndpoint endpoint, DaemonKind kind) {
    if (!requested.equals(RunRequest.DEFAULT_DOCKER_SOCKET)) {
      return requested;
    }
    if (kind.kind() == Kind.DOCKER_DESKTOP) {
      return RunRequest.DEFAULT_DOCKER_SOCKET;
    }
    if (endpoint.isTcp()) {
      return kind.kind() == Kind.PODMAN && !kind.rootless()
          ? DaemonAdvice.PODMAN_ROOTFUL_SOCKET
          : RunRequest.DEFAULT_DOCKER_SOCKET;
    }
    return endpoint.localSocket().orElse(RunRequest.DEFAULT_DOCKER_SOCKET);
  }
}
