package io.github.jenkinsdind.core.internal.daemon;

import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Suggestion;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Why a daemon could not be reached, in words that say what to do: no daemon, a socket the user may
 * not use, a daemon whose certificate is not trusted or not made out to its address, a client
 * certificate it refuses, TLS spoken to a plain daemon and the other way round.
 */
final class ConnectFailures {
  private ConnectFailures() {}

  /**
   * The exception when the client cannot even be made, such as for unreadable TLS files.
   *
   * @param endpoint the daemon
   * @param e the failure
   * @return the exception
   */
  static EnvironmentException unusable(DockerEndpoint endpoint, RuntimeException e) {
    return new EnvironmentException(
        "Cannot set up the connection to the Docker daemon at "
            + endpoint.describe()
            + ": "
            + Engine.causeText(e),
        null,
        endpoint.host().toString(),
        Suggestion.text(
            "check the TLS files: ca.pem, cert.pem and key.pem must be PEM files, the key not"
                + " encrypted"),
        DaemonFault.of(e));
  }

  /**
   * The exception when the daemon does not answer the first call.
   *
   * @param endpoint the daemon
   * @param e the failure
   * @return the exception
   */
  static EnvironmentException unreachable(DockerEndpoint endpoint, RuntimeException e) {
    String cause = Engine.causeText(e);
    String lower = cause.toLowerCase(Locale.ROOT);
    String where = endpoint.host() + " (" + endpoint.reason() + ")";
    String tlsFiles = endpoint.tls().map(DockerEndpoint.TlsFiles::describe).orElse("");
    if (has(e, SSLPeerUnverifiedException.class) || lower.contains("doesn't match any of the")) {
      return failure(
          "The Docker daemon at "
              + where
              + " is refused: its certificate is not made out to "
              + endpoint.host().getHost()
              + ": "
              + cause,
          "reach the daemon under a name or address its certificate names, or give it a"
              + " certificate whose subject alternative names include "
              + endpoint.host().getHost(),
          endpoint,
          e);
    }
    if (lower.contains("pkix") || lower.contains("certification path")) {
      return failure(
          "The Docker daemon at "
              + where
              + " is refused: its certificate is not signed by a CA this client trusts ("
              + tlsFiles
              + "): "
              + cause,
          "use as ca.pem the CA that signed the daemon's certificate (in DOCKER_CERT_PATH, or in"
              + " the Docker context), and check that the address names the daemon you mean",
          endpoint,
          e);
    }
    if (endpoint.tls().isPresent() && has(e, SSLHandshakeException.class)) {
      return failure(
          "The TLS handshake with the Docker daemon at "
              + where
              + " failed ("
              + tlsFiles
              + "): "
              + cause,
          "if the daemon asks for a client certificate (dockerd --tlsverify), give cert.pem and"
              + " key.pem signed by the CA the daemon trusts, beside ca.pem",
          endpoint,
          e);
    }
    if (lower.contains("http request to an https server")) {
      return failure(
          "The Docker daemon at " + where + " speaks TLS, but this client spoke plain HTTP",
          "set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to the directory with ca.pem, cert.pem"
              + " and key.pem, or use a Docker context that has them",
          endpoint,
          e);
    }
    if (endpoint.tls().isPresent() && has(e, SSLException.class)) {
      return failure(
          "The Docker daemon at " + where + " does not answer TLS: " + cause,
          "check that the address is the daemon's TLS port (usually 2376)",
          endpoint,
          e);
    }
    String socket = endpoint.localSocket().orElse("");
    StringBuilder message = new StringBuilder("No Docker daemon answers at ").append(where);
    if (!socket.isEmpty()) {
      message.append(", socket ").append(socket);
    }
    message.append(": ").append(cause);
    String suggestion;
    if (lower.contains("permission denied")) {
      suggestion =
          "your user may not use the socket "
              + socket
              + ": add it to the socket's group (ls -l "
              + socket
              + "; sudo usermod -aG docker $USER, then log in again)";
    } else if (!socket.isEmpty()) {
      suggestion =
          "start the Docker daemon (for example sudo systemctl start docker), or point DOCKER_HOST"
              + " or DOCKER_CONTEXT at one that runs";
    } else {
      suggestion =
          "check that the daemon at "
              + endpoint.host()
              + " runs and that DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH (or the Docker"
              + " context) are right";
    }
    return new EnvironmentException(
        message.toString(),
        null,
        endpoint.host().toString(),
        Suggestion.text(suggestion),
        DaemonFault.of(e));
  }

  private static EnvironmentException failure(
      String message, String fix, DockerEndpoint endpoint, RuntimeException e) {
    return new EnvironmentException(
        message, null, endpoint.host().toString(), Suggestion.text(fix), DaemonFault.of(e));
  }

  private static boolean has(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
