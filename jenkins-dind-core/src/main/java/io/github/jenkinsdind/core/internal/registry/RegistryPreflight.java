package io.github.jenkinsdind.core.internal.registry;

import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
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
 * from other failures. It never falls back to http: it only reports. When a proxy is configured for
 * the registry, the check is skipped (Jib goes through the proxy; a direct probe would say
 * nothing).
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
    if (uri.getHost() == null || usesProxy(uri)) {
      return;
    }
    boolean defaultPort = uri.getPort() < 0;
    int port = defaultPort ? 443 : uri.getPort();
    Socket socket;
    try {
      socket = connect(uri.getHost(), port);
    } catch (IOException e) {
      if (allowInsecureRegistries && defaultPort && !(e instanceof UnknownHostException)) {
        // Jib tries plain http on port 80 when port 443 is closed and insecure is allowed.
        try {
          connect(uri.getHost(), 80).close();
          return;
        } catch (IOException ignored) {
          // report the https failure below
        }
      }
      throw RegistryErrors.translate(e, parameter, reference);
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
      throw notTls(reference, parameter, registry, uri.getHost(), port, e);
    } catch (IOException e) {
      throw notTls(reference, parameter, registry, uri.getHost(), port, e);
    }
  }

  private JenkinsDindException notTls(
      String reference, Setting parameter, String registry, String host, int port, IOException e) {
    if (answersPlainHttp(host, port)) {
      return RegistryFaults.plainHttp(parameter, reference, registry, e);
    }
    if (e instanceof SocketTimeoutException) {
      return RegistryFaults.timedOut(parameter, reference, registry, e);
    }
    return RegistryErrors.translate(e, parameter, reference);
  }

  private Socket connect(String host, int port) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), millis(connectTimeout));
      socket.setSoTimeout(millis(readTimeout));
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
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
  private boolean answersPlainHttp(String host, int port) {
    try (Socket socket = connect(host, port)) {
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

  private static boolean usesProxy(URI uri) {
    ProxySelector selector = ProxySelector.getDefault();
    if (selector == null) {
      return false;
    }
    try {
      List<Proxy> proxies = selector.select(uri);
      return proxies != null && proxies.stream().anyMatch(p -> p.type() != Proxy.Type.DIRECT);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
  }
}
