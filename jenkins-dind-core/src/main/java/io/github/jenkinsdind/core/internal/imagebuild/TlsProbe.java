package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.internal.registry.RegistryErrors;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Tells whether a registry speaks TLS on its port (443 when none is given), with a handshake and
 * short timeouts, sending nothing else. A certificate the JVM does not trust still counts as TLS
 * (the Docker daemon talks unverified TLS to its insecure registries, and never plain http to a
 * port that speaks TLS); a refused connection, a timeout or a port that does not speak TLS counts
 * as plain http.
 */
final class TlsProbe {
  private final Duration connectTimeout;
  private final Duration readTimeout;

  /**
   * Makes a probe.
   *
   * @param connectTimeout how long to wait for the TCP connection
   * @param readTimeout how long to wait for the handshake
   */
  TlsProbe(Duration connectTimeout, Duration readTimeout) {
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
  }

  /**
   * A probe with the preflight's timeouts: 3 s to connect, 5 s to answer.
   *
   * @return the probe
   */
  static TlsProbe defaults() {
    return new TlsProbe(Duration.ofSeconds(3), Duration.ofSeconds(5));
  }

  /**
   * Tells whether a registry speaks TLS.
   *
   * @param registry the registry, {@code host[:port]}
   * @return whether a TLS handshake with it got as far as its certificate
   */
  boolean speaksTls(String registry) {
    URI uri;
    try {
      uri = URI.create("https://" + registry + "/v2/");
    } catch (IllegalArgumentException e) {
      return false;
    }
    String host = uri.getHost();
    if (host == null) {
      return false;
    }
    int port = uri.getPort() < 0 ? 443 : uri.getPort();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), millis(connectTimeout));
      socket.setSoTimeout(millis(readTimeout));
      try (SSLSocket tls =
          (SSLSocket)
              SSLContext.getDefault().getSocketFactory().createSocket(socket, host, port, false)) {
        tls.startHandshake();
        return true;
      }
    } catch (IOException e) {
      return RegistryErrors.isCertificateProblem(e);
    } catch (NoSuchAlgorithmException | RuntimeException e) {
      return false;
    }
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
  }
}
