package io.github.jenkinsdind.core.internal.registry;

import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.registry.RegistryRoute.ProxyUnreachable;
import io.github.jenkinsdind.core.internal.registry.RegistryRoute.Tunnel;
import io.github.jenkinsdind.core.internal.registry.RegistryRoute.TunnelRefused;

/**
 * The failures of the preflight's way through an HTTP proxy, each naming the proxy and the system
 * property that chose it, never its credentials.
 */
final class ProxyFaults {
  private ProxyFaults() {}

  /**
   * Says that the proxy the JVM is set to use for a registry cannot be reached.
   *
   * @param parameter the setting naming the image
   * @param reference the image reference
   * @param registry the registry host
   * @param host the registry's host name alone (for {@code http.nonProxyHosts})
   * @param failure what the connection to the proxy said
   * @return the exception
   */
  static JenkinsDindException proxyUnreachable(
      Setting parameter, String reference, String registry, String host, ProxyUnreachable failure) {
    Tunnel tunnel = failure.tunnel();
    Throwable cause = failure.getCause() == null ? failure : failure.getCause();
    String reason =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new EnvironmentException(
        "proxy "
            + tunnel.proxy()
            + " (set by the system property "
            + tunnel.hostProperty()
            + ") is unreachable ("
            + reason
            + "), so registry "
            + registry
            + " of "
            + RegistryErrors.subject(parameter, reference)
            + " cannot be reached through it",
        parameter,
        reference,
        Suggestion.perhaps()
            .text("check that the proxy is running, correct ")
            .systemProperty(tunnel.hostProperty(), "<proxy host>")
            .text(" and ")
            .systemProperty(tunnel.scheme() + ".proxyPort", "<proxy port>")
            .text(", or let " + host + " bypass the proxy with ")
            .systemProperty("http.nonProxyHosts", host)
            .build(),
        failure);
  }

  /**
   * Says that a proxy refused to open a tunnel to a registry: a 502, 503 or 504 when the registry
   * cannot be reached from the proxy, another status when the proxy forbids it.
   *
   * @param parameter the setting naming the image
   * @param reference the image reference
   * @param registry the registry host
   * @param host the registry's host name alone (for {@code http.nonProxyHosts})
   * @param refused the proxy's answer
   * @return the exception
   */
  static JenkinsDindException tunnelRefused(
      Setting parameter, String reference, String registry, String host, TunnelRefused refused) {
    Tunnel tunnel = refused.tunnel();
    int status = refused.answer().status();
    String through =
        "through proxy "
            + tunnel.proxy()
            + " (set by the system property "
            + tunnel.hostProperty()
            + "), which answered "
            + refused.answer().reason();
    if (status == 407) {
      return new EnvironmentException(
          "proxy "
              + tunnel.proxy()
              + " (set by the system property "
              + tunnel.hostProperty()
              + ") asks for authentication ("
              + refused.answer().reason()
              + ") to reach registry "
              + registry
              + " of "
              + RegistryErrors.subject(parameter, reference),
          parameter,
          reference,
          Suggestion.perhaps()
              .text("give the proxy's user and password with ")
              .systemProperty(tunnel.scheme() + ".proxyUser", "<user>")
              .text(" and ")
              .systemProperty(tunnel.scheme() + ".proxyPassword", "<password>")
              .build(),
          refused);
    }
    if (status == 502 || status == 503 || status == 504) {
      return RegistryFaults.unreachable(parameter, reference, registry, through, refused);
    }
    return new EnvironmentException(
        "registry "
            + registry
            + " of "
            + RegistryErrors.subject(parameter, reference)
            + " cannot be reached "
            + through,
        parameter,
        reference,
        Suggestion.perhaps()
            .text(
                "ask for the proxy to let "
                    + registry
                    + " through, or let "
                    + host
                    + " bypass the proxy with ")
            .systemProperty("http.nonProxyHosts", host)
            .build(),
        refused);
  }
}
