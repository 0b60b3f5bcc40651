package io.github.jenkinsdind.core.internal.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the preflight reaches a registry's port: the way jib-core 0.27.3's http client does.
 *
 * <p>Jib's {@code FailoverHttpClient} builds its Apache http client with google-http-client's
 * {@code ApacheHttpTransport.newDefaultHttpClientBuilder()}, which routes through {@code new
 * SystemDefaultRoutePlanner(ProxySelector.getDefault())} and uses the system properties. So the
 * JVM's default {@link ProxySelector} decides, with its system properties {@code
 * https.proxyHost}/{@code https.proxyPort} for https, {@code http.proxyHost}/{@code http.proxyPort}
 * for http, and {@code http.nonProxyHosts} (which by default holds {@code localhost}, {@code 127.*}
 * and {@code [::1]}). Through an HTTP proxy an https request opens a {@code CONNECT} tunnel; the
 * route does the same, with the credentials of {@code <scheme>.proxyUser}/{@code
 * <scheme>.proxyPassword} as Basic proxy authentication when they are set (as Apache's
 * system-default credentials provider gives them).
 */
sealed interface RegistryRoute {

  /**
   * Opens a connection to a registry port, with the route's timeouts.
   *
   * @param host the registry host
   * @param port the registry port
   * @return a connected socket, whose bytes reach the registry port
   * @throws IOException if the registry port cannot be reached; through a proxy, a {@link
   *     ProxyUnreachable} or a {@link TunnelRefused} says which side failed
   */
  Socket open(String host, int port) throws IOException;

  /**
   * The route the JVM's default proxy selector picks for a URI, as Jib's http client would.
   *
   * @param uri the registry URI ({@code https://host:port/v2/} or {@code http://...})
   * @param connectTimeout how long to wait for a TCP connection
   * @param readTimeout how long to wait for an answer
   * @return the route, or empty when the proxy is of a kind the check does not speak (SOCKS)
   */
  static Optional<RegistryRoute> select(URI uri, Duration connectTimeout, Duration readTimeout) {
    Direct direct = new Direct(connectTimeout, readTimeout);
    ProxySelector selector = ProxySelector.getDefault();
    if (selector == null) {
      return Optional.of(direct);
    }
    List<Proxy> proxies;
    try {
      proxies = selector.select(uri);
    } catch (RuntimeException e) {
      return Optional.of(direct);
    }
    if (proxies == null || proxies.isEmpty() || proxies.get(0).type() == Proxy.Type.DIRECT) {
      return Optional.of(direct);
    }
    Proxy proxy = proxies.get(0);
    if (proxy.type() != Proxy.Type.HTTP || !(proxy.address() instanceof InetSocketAddress)) {
      return Optional.empty();
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    InetSocketAddress address = (InetSocketAddress) proxy.address();
    return Optional.of(
        new Tunnel(
            address.getHostString(),
            address.getPort(),
            scheme,
            basicCredentials(scheme),
            connectTimeout,
            readTimeout));
  }

  private static Optional<String> basicCredentials(String scheme) {
    String user = System.getProperty(scheme + ".proxyUser", "");
    if (user.isEmpty()) {
      return Optional.empty();
    }
    String password = System.getProperty(scheme + ".proxyPassword", "");
    return Optional.of(
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * A direct TCP connection.
   *
   * @param connectTimeout how long to wait for the TCP connection
   * @param readTimeout the socket's read timeout
   */
  record Direct(Duration connectTimeout, Duration readTimeout) implements RegistryRoute {
    @Override
    public Socket open(String host, int port) throws IOException {
      return connect(host, port, connectTimeout, readTimeout);
    }
  }

  /**
   * A {@code CONNECT} tunnel through an HTTP proxy.
   *
   * @param proxyHost the proxy's host
   * @param proxyPort the proxy's port
   * @param scheme the registry scheme whose proxy properties chose it ({@code https} or {@code
   *     http})
   * @param basicCredentials the Base64 {@code user:password} for {@code Proxy-Authorization}, if
   *     set
   * @param connectTimeout how long to wait for the TCP connection to the proxy
   * @param readTimeout how long to wait for the proxy's and the registry's answers
   */
  record Tunnel(
      String proxyHost,
      int proxyPort,
      String scheme,
      Optional<String> basicCredentials,
      Duration connectTimeout,
      Duration readTimeout)
      implements RegistryRoute {

    /**
     * The proxy as {@code host:port}.
     *
     * @return the proxy address
     */
    public String proxy() {
      return (proxyHost.contains(":") ? "[" + proxyHost + "]" : proxyHost) + ":" + proxyPort;
    }

    /**
     * The system property that names the proxy's host ({@code https.proxyHost} or {@code
     * http.proxyHost}).
     *
     * @return the property's name
     */
    public String hostProperty() {
      return scheme + ".proxyHost";
    }

    /**
     * Names the proxy and its property, never the credentials.
     *
     * @return for example {@code proxy 127.0.0.1:3128 (https.proxyHost)}
     */
    @Override
    public String toString() {
      return "proxy " + proxy() + " (" + hostProperty() + ")";
    }

    @Override
    public Socket open(String host, int port) throws IOException {
      Socket socket;
      try {
        socket = connect(proxyHost, proxyPort, connectTimeout, readTimeout);
      } catch (IOException e) {
        throw new ProxyUnreachable(this, e);
      }
      try {
        String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        StringBuilder request = new StringBuilder();
        request.append("CONNECT ").append(authority).append(" HTTP/1.1\r\n");
        request.append("Host: ").append(authority).append("\r\n");
        basicCredentials.ifPresent(
            c -> request.append("Proxy-Authorization: Basic ").append(c).append("\r\n"));
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        ProxyAnswer answer = ProxyAnswer.read(socket.getInputStream());
        if (answer.status() / 100 != 2) {
          throw new TunnelRefused(this, authority, answer);
        }
        return socket;
      } catch (IOException | RuntimeException e) {
        socket.close();
        throw e;
      }
    }
  }

  /** The proxy itself cannot be reached. */
  final class ProxyUnreachable extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Tunnel tunnel;

    ProxyUnreachable(Tunnel tunnel, IOException cause) {
      super("proxy " + tunnel.proxy() + " is unreachable: " + cause.getMessage(), cause);
      this.tunnel = tunnel;
    }

    Tunnel tunnel() {
      return tunnel;
    }
  }

  /** The proxy answered {@code CONNECT} with something other than 2xx. */
  final class TunnelRefused extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Tunnel tunnel;
    private final transient ProxyAnswer answer;

    TunnelRefused(Tunnel tunnel, String authority, ProxyAnswer answer) {
      super(
          "proxy "
              + tunnel.proxy()
              + " answered CONNECT "
              + authority
              + " with "
              + answer.reason());
      this.tunnel = tunnel;
      this.answer = answer;
    }

    Tunnel tunnel() {
      return tunnel;
    }

    ProxyAnswer answer() {
      return answer;
    }
  }

  private static Socket connect(String host, int port, Duration connect, Duration read)
      throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), millis(connect));
      socket.setSoTimeout(millis(read));
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
  }
}
