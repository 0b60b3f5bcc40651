package io.github.jenkinsdind.it.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.it.maven.TestProject;
import io.github.jenkinsdind.it.maven.TestProject.MavenRun;
import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Variant;
import io.github.jenkinsdind.it.support.TestServices;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build goal behind an HTTP proxy set by system properties in {@code MAVEN_OPTS} ({@code
 * -Dhttps.proxyHost}, {@code -Dhttp.proxyHost}, and an empty {@code -Dhttp.nonProxyHosts} so that
 * loopback registries go through it too), with a small proxy of the test's own on loopback that
 * opens {@code CONNECT} tunnels (answering 502 when the target refuses) and forwards plain-http
 * requests:
 *
 * <ul>
 *   <li>a registry port where nothing listens fails in seconds, saying the registry is unreachable
 *       through the proxy and that the proxy answered 502;
 *   <li>a proxy that is not running fails in seconds, naming it and its system property;
 *   <li>the TLS registry without its certificate trusted fails in seconds as untrusted, the
 *       handshake having gone through the proxy;
 *   <li>the plain registry with insecure registries allowed is pushed to through the proxy.
 * </ul>
 *
 * The base is a {@code tar://} file, so that the target is the only registry the build talks to.
 */
class ProxyPreflightTest {
  private static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);
  private static final Pattern TOTAL_TIME = Pattern.compile("Total time:\\s+([0-9.]+) s\\b");

  private static TestServices services;
  private static DockerCliServer cli;
  private static String base;

  @TempDir Path work;
  private LoopbackProxy proxy;

  @BeforeAll
  static void setUp() {
    services = TestServices.get().requireRunning();
    cli = DockerCliServer.start();
    base = "tar://" + JenkinsBaseImages.dockerSaveTar(Variant.PLAIN);
  }

  @AfterAll
  static void stop() {
    if (cli != null) {
      cli.close();
    }
  }

  @BeforeEach
  void startProxy() throws IOException {
    proxy = new LoopbackProxy();
  }

  @AfterEach
  void stopProxy() throws IOException {
    proxy.close();
  }

  @Test
  void aRegistryPortWhereNothingListensFailsInSecondsThroughTheProxy() throws IOException {
    String registry = "127.0.0.1:" + closedPort();
    String image = registry + "/proxy/nothing-" + RUN_ID + ":1";

    MavenRun run = build(image, proxy.port(), false).assertFailed();

    assertThat(run.errors())
        .contains(
            "registry "
                + registry
                + " is unreachable (through proxy 127.0.0.1:"
                + proxy.port()
                + " (set by the system property https.proxyHost), which answered 502 Bad"
                + " Gateway)");
    assertThat(proxy.requests()).contains("CONNECT " + registry);
    assertThat(mavenSeconds(run)).as("failed in seconds, not after Jib's retries").isLessThan(10);
  }

  @Test
  void aProxyThatIsNotRunningIsNamedWithItsSystemProperty() throws IOException {
    int closed = closedPort();
    String image = services.plainRegistry() + "/proxy/no-proxy-" + RUN_ID + ":1";

    MavenRun run = build(image, closed, false).assertFailed();

    assertThat(run.errors())
        .contains(
            "proxy 127.0.0.1:"
                + closed
                + " (set by the system property https.proxyHost) is unreachable (")
        .contains("-Dhttps.proxyHost=");
    assertThat(mavenSeconds(run)).as("failed in seconds, not after Jib's retries").isLessThan(10);
  }

  @Test
  void anUntrustedRegistryBehindTheProxyFailsInSeconds() throws IOException {
    String image = services.tlsRegistry() + "/proxy/untrusted-" + RUN_ID + ":1";

    MavenRun run = build(image, proxy.port(), false).assertFailed();

    assertThat(run.errors())
        .contains(
            "the TLS certificate of registry "
                + services.tlsRegistry()
                + " (of target image "
                + image
                + ") is not trusted")
        .contains("-Djavax.net.ssl.trustStore=");
    assertThat(proxy.requests()).contains("CONNECT " + services.tlsRegistry());
    assertThat(mavenSeconds(run)).as("failed in seconds, not after Jib's retries").isLessThan(10);
  }

  @Test
  void thePlainRegistryIsPushedToThroughTheProxy() throws IOException {
    String image = services.plainRegistry() + "/proxy/pushed-" + RUN_ID + ":1";

    build(image, proxy.port(), true).assertSucceeded();

    assertThat(proxy.requests())
        .as("the preflight's and Jib's https attempts went through the proxy")
        .contains("CONNECT " + services.plainRegistry())
        .as("Jib's plain-http requests went through the proxy")
        .anyMatch(r -> r.startsWith("PUT http://" + services.plainRegistry() + "/v2/proxy/"));
  }

  /** Runs {@code mvn package} to a registry, behind the proxy at a port. */
  private MavenRun build(String image, int proxyPort, boolean allowInsecure) {
    TestProject project =
        TestProject.build(work, base, image, cli.urlTemplate(), work.resolve("cache"));
    String proxyOptions =
        String.join(
            " ",
            "-Dhttps.proxyHost=127.0.0.1",
            "-Dhttps.proxyPort=" + proxyPort,
            "-Dhttp.proxyHost=127.0.0.1",
            "-Dhttp.proxyPort=" + proxyPort,
            "-Dhttp.nonProxyHosts=");
    return project.mvn(
        Map.of("MAVEN_OPTS", proxyOptions),
        "package",
        "-Djenkins-dind.target=registry",
        "-Djenkins-dind.allowInsecureRegistries=" + allowInsecure);
  }

  private static double mavenSeconds(MavenRun run) {
    Matcher m = TOTAL_TIME.matcher(run.log());
    assertThat(m.find()).as("Maven's 'Total time' in:%n%s", run.log()).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * An HTTP proxy on loopback: {@code CONNECT host:port} opens a tunnel (or answers 502 Bad Gateway
   * when the target refuses), and a plain-http request in absolute form is sent as it is to its
   * host (registries accept the absolute form), the rest of the connection piped both ways. It
   * records each request line, without the protocol. Every connection has a 60 s read timeout.
   */
  private static final class LoopbackProxy implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());

    LoopbackProxy() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      daemon(this::accept);
    }

    int port() {
      return server.getLocalPort();
    }

    List<String> requests() {
      synchronized (requests) {
        return List.copyOf(requests);
      }
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          open.add(client);
          daemon(() -> serve(client));
        } catch (IOException e) {
          return;
        }
      }
    }

    private void serve(Socket client) {
      try (client) {
        client.setSoTimeout(60_000);
        InputStream in = client.getInputStream();
        String head = head(in);
        String line = head.lines().findFirst().orElse("");
        String request = line.replaceFirst(" HTTP/1\\.[01]$", "");
        requests.add(request);
        String[] words = request.split(" ", 2);
        if (words.length < 2) {
          return;
        }
        boolean connect = words[0].equals("CONNECT");
        String authority = connect ? words[1] : URI.create(words[1]).getRawAuthority();
        int colon = authority.lastIndexOf(':');
        Socket target = new Socket();
        open.add(target);
        try (target) {
          try {
            target.connect(
                new InetSocketAddress(
                    authority.substring(0, colon),
                    Integer.parseInt(authority.substring(colon + 1))),
                5_000);
            target.setSoTimeout(60_000);
          } catch (IOException e) {
            client
                .getOutputStream()
                .write(
                    "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
            return;
          }
          if (connect) {
            client
                .getOutputStream()
                .write(
                    "HTTP/1.1 200 Connection established\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
          } else {
            target.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
          }
          Thread up = daemon(() -> pipe(in, target, !connect));
          pipe(target.getInputStream(), client, false);
          up.join(60_000);
        }
      } catch (IOException e) {
        // a side went away
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /**
     * Copies bytes from one side to the other; from the client of a plain-http connection, it
     * records the request lines of the later requests on it too.
     */
    private void pipe(InputStream in, Socket to, boolean recordRequests) {
      try {
        OutputStream out = to.getOutputStream();
        byte[] buffer = new byte[16384];
        StringBuilder line = new StringBuilder();
        for (int n; (n = in.read(buffer)) >= 0; ) {
          out.write(buffer, 0, n);
          out.flush();
          if (recordRequests) {
            for (int i = 0; i < n; i++) {
              char c = (char) (buffer[i] & 0xff);
              if (c == '\n') {
                String text = line.toString().trim();
                if (text.matches("(GET|HEAD|POST|PUT|PATCH|DELETE) http://\\S+ HTTP/1\\.[01]")) {
                  requests.add(text.replaceFirst(" HTTP/1\\.[01]$", ""));
                }
                line.setLength(0);
              } else if (line.length() < 4096) {
                line.append(c);
              }
            }
          }
        }
        to.shutdownOutput();
      } catch (IOException e) {
        // a side closed
      }
    }

    private static String head(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n") && head.length() < 65536) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.append((char) b);
      }
      return head.toString();
    }

    private static Thread daemon(Runnable task) {
      Thread thread = new Thread(task, "loopback-proxy");
      thread.setDaemon(true);
      thread.start();
      return thread;
    }

    @Override
    public void close() throws IOException {
      server.close();
      synchronized (open) {
        for (Socket socket : open) {
          socket.close();
        }
      }
    }
  }
}
