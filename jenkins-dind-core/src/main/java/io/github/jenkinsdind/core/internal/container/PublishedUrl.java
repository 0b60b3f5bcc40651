package io.github.jenkinsdind.core.internal.container;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.github.jenkinsdind.core.api.PublishedPort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The ports the daemon really published (a host port 0 asked for becomes the port the daemon
 * picked) and Jenkins' web address on them, for IPv4 and IPv6 bindings alike. Pure functions of the
 * daemon's answer.
 */
final class PublishedUrl {
  private PublishedUrl() {}

  /**
   * Returns the ports a started container publishes.
   *
   * @param container the daemon's view of the started container
   * @return the ports, by container port, IPv4 before IPv6
   */
  static List<PublishedPort> published(InspectContainerResponse container) {
    if (container.getNetworkSettings() == null
        || container.getNetworkSettings().getPorts() == null) {
      return List.of();
    }
    return published(container.getNetworkSettings().getPorts().getBindings());
  }

  /**
   * Returns the ports of the daemon's bindings; a binding without a numeric host port is skipped.
   *
   * @param bindings the bindings, by container port
   * @return the ports, by container port, IPv4 before IPv6, then by address
   */
  static List<PublishedPort> published(Map<ExposedPort, Ports.Binding[]> bindings) {
    List<PublishedPort> list = new ArrayList<>();
    for (Map.Entry<ExposedPort, Ports.Binding[]> e : bindings.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      for (Ports.Binding b : e.getValue()) {
        String hostPort = b.getHostPortSpec();
        if (hostPort == null || !hostPort.matches("\\d+")) {
          continue;
        }
        list.add(
            new PublishedPort(
                Objects.requireNonNullElse(b.getHostIp(), ""),
                Integer.parseInt(hostPort),
                e.getKey().getPort(),
                e.getKey().getProtocol().toString()));
      }
    }
    list.sort(
        Comparator.comparingInt(PublishedPort::containerPort)
            .thenComparing(p -> p.hostIp().contains(":"))
            .thenComparing(PublishedPort::hostIp));
    return List.copyOf(list);
  }

  /**
   * Returns Jenkins' web address. A binding to every address is reached at the daemon's host
   * ({@code localhost} for a local daemon); when the daemon gave IPv4 and IPv6 different host
   * ports, {@code 127.0.0.1} is used instead of {@code localhost}, which could resolve to IPv6 and
   * reach another port. A binding to one address uses that address, an IPv6 one in brackets.
   *
   * @param published the published ports, IPv4 first (as {@link #published} sorts them)
   * @param publishedHost the daemon's host, as {@code Engine.publishedHost()} tells it
   * @return for example {@code http://localhost:8080/}, or empty if port 8080/tcp is not published
   */
  static Optional<String> url(List<PublishedPort> published, String publishedHost) {
    Optional<PublishedPort> found =
        published.stream()
            .filter(
                p -> p.containerPort() == PortSpec.JENKINS_WEB_PORT && p.protocol().equals("tcp"))
            .findFirst();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    PublishedPort web = found.get();
    String ip = web.hostIp();
    String host;
    if (ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("::")) {
      host = publishedHost;
      boolean familiesDisagree =
          published.stream()
              .anyMatch(
                  p ->
                      p.containerPort() == web.containerPort()
                          && p.protocol().equals(web.protocol())
                          && p.hostPort() != web.hostPort());
      if (familiesDisagree && host.equals("localhost")) {
        // The daemon gave IPv4 and IPv6 different host ports: "localhost" could reach the
        // wrong one (even another container port) over IPv6.
        host = "127.0.0.1";
      }
    } else {
      host = ip.contains(":") ? "[" + ip + "]" : ip;
    }
    return Optional.of("http://" + host + ":" + web.hostPort() + "/");
  }
}
