package io.github.jenkinsdind.core.api;

import java.util.Objects;

/**
 * A container port published on the Docker host, with the host port the daemon really bound (also
 * when port 0 asked it to pick a free one).
 *
 * @param hostIp the host address it is bound to, {@code 0.0.0.0} or {@code ::} for every address
 * @param hostPort the host port
 * @param containerPort the container port
 * @param protocol {@code tcp} or {@code udp}
 */
public record PublishedPort(String hostIp, int hostPort, int containerPort, String protocol) {

  /**
   * Checks the parts.
   *
   * @param hostIp the host address
   * @param hostPort the host port
   * @param containerPort the container port
   * @param protocol the protocol
   */
  public PublishedPort {
    Objects.requireNonNull(hostIp, "hostIp");
    Objects.requireNonNull(protocol, "protocol");
  }

  /**
   * Returns the mapping as {@code docker run -p} writes it.
   *
   * @return for example {@code 0.0.0.0:49153->8080/tcp}
   */
  @Override
  public String toString() {
    return hostIp + ":" + hostPort + "->" + containerPort + "/" + protocol;
  }
}
