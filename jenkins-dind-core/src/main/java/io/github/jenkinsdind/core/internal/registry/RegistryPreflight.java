package io.github.jenkinsdind.core.internal.registry;

import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.registry.RegistryRoute.ProxyUnreachable;
import io.github.jenkinsdind.core.internal.registry.RegistryRoute.Tunnel;
import io.github.jenkinsdind.core.internal.registry.RegistryRoute.TunnelRefused;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A quick check of a registry before Jib talks to it, so that a wrong setting fails in seconds with
 * a clear message.
 *
 * <p>Why it is needed: when insecure registries are not allowed, jib-core 0.27.3's {@code
 * FailoverHttpClient} sends its first https request with an exponential back-off retry handler
 * (google-http-client's {@code HttpBackOffIOExceptionHandler}: 10 retries, 0.5 s growing by 1.5
 * times, randomised). Every {@link IOException} is retried, so a plain-http registry (TLS fails
 * with "Unsupported or unrecognized SSL message"), an untrusted certificate, a refused connection
 * or an unknown host all fail only after 50 to 70 seconds, the first as a bare {@code
 * InsecureRegistryException}. When insecure registries are allowed that first request is not
 * retried, and Jib fails over to https without verification and then to plain http.
 *
 * <p>The check connects to the registry's https port with short timeouts. When insecure registries
 * are not allowed it also makes a TLS handshake with the JVM's default trust store (the one Jib
 * uses, so the system property {@code javax.net.ssl.trustStore} applies to both) and, if that fails
 * without a certificate error, asks the port for plain http to tell "this is a plain-http registry"
 * from other failures. It never falls back to http: it only reports. When the JVM is set to use an
 * HTTP proxy for the registry ({@code https.proxyHost} and the other proxy system properties, as
 * Jib's client reads them), the check goes the same way, through a {@code CONNECT} tunnel (see
 * {@link RegistryRoute}), and also reports an unreachable proxy and the proxy's refusal to reach
 * the registry; a SOCKS proxy skips the check.
 */
public final class RegistryPreflight {

  private final Duration connectTimeout;
  private final Duration readTimeout;

  /**
   * Creates a check with the given timeouts.
   *
   * @param connectTimeout how long to wait for the TCP connection
   * @param readTimeout how long to wait for the TLS handshake or an http answer
   */
  public RegistryPreflight(Duration connectTimeout, Duration readTimeout) {
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
  }

  /**
   * Creates a check with 3 s to connect and 5 s to answer.
   *
   * @return the check
   */
  public static RegistryPreflight defaults() {
    return new RegistryPreflight(Duration.ofSeconds(3), Duration.ofSeconds(5));
  }

  /**
   * Checks that Jib will be able to talk to the registry of an image.
   *
   * @param reference the image reference, for example {@code 127.0.0.1:5000/jenkins:lts}
   * @param parameter the setting naming it ({@link Setting#FROM} or {@link Setting#IMAGE})
   * @param allowInsecureRegistries whether plain http and unverified TLS are allowed
   * @throws JenkinsDindException if the registry is unreachable, or speaks plain http or has an
   *     untrusted certificate while insecure registries are not allowed
   */
  public void check(String reference, Setting parameter, boolean allowInsecureRegistries)
      throws JenkinsDindException {
    String registry = RegistryErrors.registryOf(reference);
    URI uri = URI.create("https://" + registry + "/v2/");
    if (uri.getHost() == null) {
      return;
    }
    Optional<RegistryRoute> chosen = RegistryRoute.select(uri, connectTimeout, readTimeout);
    if (chosen.isEmpty()) {
      return;
    }
    RegistryRoute route = chosen.get();
    boolean defaultPort = uri.getPort() < 0;
    int port = defaultPort ? 443 : uri.getPort();
    Socket socket;
    try {
      socket = route.open(uri.getHost(), port);
    } catch (IOException e) {
      if (allowInsecureRegistries && mayFailOverToHttp(e, route, uri.getHost(), defaultPort)) {
        return;
      }
      if (e instanceof TunnelRefused refused && cannotTell(refused)) {
        return;
      }
      throw unreachable(e, parameter, reference, registry, uri.getHost());
    }
    try (socket) {
      if (allowInsecureRegistries) {
        return;
      }
      handshake(socket, uri.getHost(), port);
    } catch (SSLException e) {
      if (RegistryErrors.isCertificateProblem(e)) {
        throw RegistryFaults.untrustedCertificate(
            parameter, reference, registry, e.getMessage(), e);
      }
      throw notTls(route, reference, parameter, registry, uri.getHost(), port, e);
    } catch (IOException e) {
      throw notTls(route, reference, parameter, registry, uri.getHost(), port, e);
    }
  }

  /**
   * Whether Jib, allowed to fail over to plain http after the https port failed, may still reach
   * the registry: on port 80 when the reference names no port, or by another way when the http
   * route differs (a proxy's plain-http request is not a tunnel, and is not emulated here).
   */
  private boolean mayFailOverToHttp(
      IOException e, RegistryRoute httpsRoute, String host, boolean defaultPort) {
    if (e instanceof UnknownHostException) {
      return false;
    }
    if (e instanceof TunnelRefused refused && !isRefusal(refused.answer().status())) {
      return true;
    }
    String authority = host.contains(":") ? "[" + host + "]" : host;
    Optional<RegistryRoute> http =
        RegistryRoute.select(URI.create("http://" + authority + "/"), connectTimeout, readTimeout);
    if (http.isEmpty()) {
      return true;
    }
    if (http.get() instanceof Tunnel tunnel) {
      boolean sameProxy =
          httpsRoute instanceof Tunnel https && https.proxy().equals(tunnel.proxy());
      return !sameProxy || (defaultPort && !(e instanceof ProxyUnreachable));
    }
    if (!defaultPort && httpsRoute instanceof RegistryRoute.Direct) {
      return false;
    }
    try {
      // Jib tries plain http on port 80 when port 443 is closed and insecure is allowed.
      http.get().open(host, 80).close();
      return true;
    } catch (IOException ignored) {
      return false;
    }
  }

  /** A 502, 503 or 504 (the proxy cannot reach the registry) or a 407 (it wants credentials). */
  private static boolean isRefusal(int status) {
    return status == 407 || status == 502 || status == 503 || status == 504;
  }

  /**
   * Whether the proxy's 407 leaves the check unable to tell: Basic credentials were sent and the
   * proxy wants another scheme, which Jib's client may speak.
   */
  private static boolean cannotTell(TunnelRefused refused) {
    return refused.answer().status() == 407
        && refused.tunnel().basicCredentials().isPresent()
        && !refused.answer().offersBasic();
  }

  private JenkinsDindException notTls(
      RegistryRoute route,
      String reference,
      Setting parameter,
      String registry,
      String host,
      int port,
      IOException e) {
    if (answersPlainHttp(route, host, port)) {
      return RegistryFaults.plainHttp(parameter, reference, registry, e);
    }
    if (e instanceof SocketTimeoutException) {
      return RegistryFaults.timedOut(parameter, reference, registry, e);
    }
    return unreachable(e, parameter, reference, registry, host);
  }

  private static JenkinsDindException unreachable(
      IOException e, Setting parameter, String reference, String registry, String host) {
    if (e instanceof ProxyUnreachable proxy) {
      return ProxyFaults.proxyUnreachable(parameter, reference, registry, host, proxy);
    }
    if (e instanceof TunnelRefused refused) {
      return ProxyFaults.tunnelRefused(parameter, reference, registry, host, refused);
    }
    return RegistryErrors.translate(e, parameter, reference);
  }

  private void handshake(Socket socket, String host, int port) throws IOException {
    SSLContext context;
    try {
      context = SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IOException("this JVM has no default TLS context", e);
    }
    try (SSLSocket tls =
        (SSLSocket) context.getSocketFactory().createSocket(socket, host, port, false)) {
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(parameters);
      tls.startHandshake();
    }
  }

  /**
   * Whether the port answers a plain-http request with an http status line (and is not a TLS server
   * complaining about plain http, as Go's servers do).
   */
  private boolean answersPlainHttp(RegistryRoute route, String host, int port) {
    try (Socket socket = route.open(host, port)) {
      OutputStream out = socket.getOutputStream();
      String hostHeader = host.contains(":") ? "[" + host + "]" : host;
      out.write(
          ("GET /v2/ HTTP/1.1\r\nHost: "
                  + hostHeader
                  + ":"
                  + port
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readNBytes(512), StandardCharsets.US_ASCII);
      return answer.startsWith("HTTP/") && !answer.contains("to an HTTPS server");
    } catch (IOException e) {
      return false;
    }
  }
}
