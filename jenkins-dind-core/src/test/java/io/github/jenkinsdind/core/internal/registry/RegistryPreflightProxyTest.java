package io.github.jenkinsdind.core.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The preflight behind an HTTP proxy set by system properties, against a proxy and servers of the
 * test's own on loopback.
 */
class RegistryPreflightProxyTest {
  private static final List<String> PROPERTIES =
      List.of(
          "https.proxyHost",
          "https.proxyPort",
          "http.proxyHost",
          "http.proxyPort",
          "http.nonProxyHosts",
          "https.proxyUser",
          "https.proxyPassword");
  private static final RegistryPreflight PREFLIGHT =
      new RegistryPreflight(Duration.ofSeconds(2), Duration.ofSeconds(2));

  private final Map<String, String> saved = new HashMap<>();
  private final List<AutoCloseable> servers = new CopyOnWriteArrayList<>();

  @BeforeEach
  void save() {
    PROPERTIES.forEach(p -> saved.put(p, System.getProperty(p)));
  }

  @AfterEach
  void restore() throws Exception {
    for (String p : PROPERTIES) {
      if (saved.get(p) == null) {
        System.clearProperty(p);
      } else {
        System.setProperty(p, saved.get(p));
      }
    }
    for (AutoCloseable server : servers) {
      server.close();
    }
  }

  @Test
  void anUnreachableProxyIsNamedWithItsSystemProperty() throws IOException {
    int closed = closedPort();
    proxy(closed);
    String image = "127.0.0.1:" + closedPort() + "/team/jenkins:1";

    EnvironmentException e =
        catchThrowableOfType(
            () -> PREFLIGHT.check(image, Setting.IMAGE, false), EnvironmentException.class);

    assertThat(e.getMessage())
        .startsWith(
            "proxy 127.0.0.1:"
                + closed
                + " (set by the system property https.proxyHost) is unreachable (")
        .contains("so registry 127.0.0.1:");
    assertThat(e.suggestionParts().orElseThrow().parts())
        .contains(new Suggestion.SystemProperty("https.proxyHost", "<proxy host>"))
        .contains(new Suggestion.SystemProperty("http.nonProxyHosts", "127.0.0.1"));
  }

  @Test
  void theProxysBadGatewayIsAnUnreachableRegistry() throws IOException {
    int proxy = answeringProxy("HTTP/1.1 502 Bad Gateway");
    proxy(proxy);
    String image = "127.0.0.1:" + closedPort() + "/team/jenkins:1";

    for (boolean insecure : List.of(false, true)) {
      EnvironmentException e =
          catchThrowableOfType(
              () -> PREFLIGHT.check(image, Setting.IMAGE, insecure), EnvironmentException.class);

      assertThat(e.getMessage())
          .startsWith("registry 127.0.0.1:")
          .contains(
              " is unreachable (through proxy 127.0.0.1:"
                  + proxy
                  + " (set by the system property https.proxyHost), which answered 502 Bad"
                  + " Gateway)");
    }
  }

  @Test
  void aProxyAskingForCredentialsSaysWhichProperties() throws IOException {
    proxy(answeringProxy("HTTP/1.1 407 Proxy Authentication Required"));

    EnvironmentException e =
        catchThrowableOfType(
            () -> PREFLIGHT.check("127.0.0.1:5999/a:1", Setting.FROM, false),
            EnvironmentException.class);

    assertThat(e.getMessage()).contains("asks for authentication (407 Proxy Authentication");
    assertThat(e.suggestionParts().orElseThrow().parts())
        .contains(new Suggestion.SystemProperty("https.proxyUser", "<user>"));
  }

  @Test
  void aPlainHttpRegistryThroughTheTunnelIsReportedOrAllowed() throws IOException {
    int registry = plainHttpServer();
    List<String> connects = new CopyOnWriteArrayList<>();
    proxy(tunnellingProxy(connects));
    String image = "127.0.0.1:" + registry + "/team/jenkins:1";

    ConfigurationException e =
        catchThrowableOfType(
            () -> PREFLIGHT.check(image, Setting.IMAGE, false), ConfigurationException.class);
    assertThat(e.getMessage()).contains("does not speak https (it looks like a plain-http");
    assertThatCode(() -> PREFLIGHT.check(image, Setting.IMAGE, true)).doesNotThrowAnyException();
    assertThat(connects).isNotEmpty().allMatch(c -> c.equals("CONNECT 127.0.0.1:" + registry));
  }

  @Test
  void withoutAProxyTheMessageIsUnchanged() throws IOException {
    String image = "127.0.0.1:" + closedPort() + "/team/jenkins:1";

    JenkinsDindException e =
        catchThrowableOfType(
            () -> PREFLIGHT.check(image, Setting.IMAGE, false), JenkinsDindException.class);

    assertThat(e.getMessage()).startsWith("registry 127.0.0.1:").contains(" is unreachable (");
    assertThat(e.getMessage()).doesNotContain("proxy");
  }

  @Test
  void loopbackBypassesTheProxyByDefault() throws IOException {
    System.setProperty("https.proxyHost", "127.0.0.1");
    System.setProperty("https.proxyPort", Integer.toString(closedPort()));
    String image = "127.0.0.1:" + closedPort() + "/team/jenkins:1";

    JenkinsDindException e =
        catchThrowableOfType(
            () -> PREFLIGHT.check(image, Setting.IMAGE, false), JenkinsDindException.class);

    assertThat(e.getMessage()).startsWith("registry 127.0.0.1:").doesNotContain("proxy");
  }

  @Test
  void theProxysAnswerHeadIsReadUpToTheEmptyLine() throws IOException {
    InputStream in =
        new ByteArrayInputStream(
            ("HTTP/1.0 407 Auth\r\nProxy-Authenticate: Basic realm=\"x\"\r\n\r\nrest")
                .getBytes(StandardCharsets.US_ASCII));

    ProxyAnswer answer = ProxyAnswer.read(in);

    assertThat(answer.status()).isEqualTo(407);
    assertThat(answer.reason()).isEqualTo("407 Auth");
    assertThat(answer.offersBasic()).isTrue();
    assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("rest");
  }

  @Test
  void aTunnelNeverShowsItsCredentials() {
    RegistryRoute.Tunnel tunnel =
        new RegistryRoute.Tunnel(
            "proxy.example",
            3128,
            "https",
            java.util.Optional.of("dXNlcjpzZWNyZXQ="),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1));

    assertThat(tunnel.toString())
        .isEqualTo("proxy proxy.example:3128 (https.proxyHost)")
        .doesNotContain("dXNlcjpzZWNyZXQ=");
  }

  /** Sets the https proxy, with loopback no longer bypassing it (an empty non-proxy list). */
  private static void proxy(int port) {
    System.setProperty("https.proxyHost", "127.0.0.1");
    System.setProperty("https.proxyPort", Integer.toString(port));
    System.setProperty("http.nonProxyHosts", "");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** A proxy that answers every CONNECT with one status line. */
  private int answeringProxy(String statusLine) throws IOException {
    return serve(
        client -> {
          head(client.getInputStream());
          client
              .getOutputStream()
              .write((statusLine + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        });
  }

  /** A proxy that opens the tunnel and pipes both ways. */
  private int tunnellingProxy(List<String> connects) throws IOException {
    return serve(
        client -> {
          String request = head(client.getInputStream());
          String line = request.substring(0, request.indexOf(" HTTP/"));
          connects.add(line);
          int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
          try (Socket target = new Socket(InetAddress.getLoopbackAddress(), port)) {
            client
                .getOutputStream()
                .write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes());
            Thread up = daemon(() -> pipe(client, target));
            pipe(target, client);
            up.join(2000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  /** A plain-http "registry" answering 200 to anything. */
  private int plainHttpServer() throws IOException {
    return serve(
        client -> {
          head(client.getInputStream());
          client
              .getOutputStream()
              .write(
                  "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                      .getBytes(StandardCharsets.US_ASCII));
        });
  }

  private interface Handler {
    void handle(Socket client) throws IOException;
  }

  private int serve(Handler handler) throws IOException {
    ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    servers.add(server);
    daemon(
        () -> {
          while (!server.isClosed()) {
            try {
              Socket client = server.accept();
              daemon(
                  () -> {
                    try (client) {
                      client.setSoTimeout(5000);
                      handler.handle(client);
                    } catch (IOException ignored) {
                      // the client went away
                    }
                  });
            } catch (IOException closed) {
              return;
            }
          }
        });
    return server.getLocalPort();
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "test-proxy");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static String head(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }

  private static void pipe(Socket from, Socket to) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      in.transferTo(out);
      to.shutdownOutput();
    } catch (IOException ignored) {
      // one side closed
    }
  }
}
