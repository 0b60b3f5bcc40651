package io.github.jenkinsdind.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The real services the integration tests use, as started by {@code .ci/services.sh}: a Docker
 * daemon and three loopback registries (plain http without auth, http with htpasswd auth, https
 * with a self-signed certificate and htpasswd auth).
 *
 * <p>The facts are read from {@code services.properties} in the services directory, which is the
 * system property or environment variable {@value #DIR_SETTING}, by default {@value #DEFAULT_DIR}.
 * Typical use:
 *
 * <pre>{@code
 * TestServices services = TestServices.get().requireRunning();
 * String image = services.plainRegistry() + "/it/my-test:1";   // 127.0.0.1:5000/it/my-test:1
 * }</pre>
 *
 * <p>Nothing here skips a test: a missing or stopped service fails it with a message saying to run
 * {@code .ci/services.sh}.
 */
public final class TestServices {

  /** Name of the system property or environment variable giving the services directory. */
  public static final String DIR_SETTING = "JD_SERVICES_DIR";

  /** The services directory used when {@value #DIR_SETTING} is not set. */
  public static final String DEFAULT_DIR = "/tmp/jenkins-dind-services";

  private static final String HOW_TO_FIX =
      "perhaps you should run `.ci/services.sh` (as root) first";

  private static TestServices instance;

  private final Path directory;
  private final Properties properties;

  private TestServices(Path directory, Properties properties) {
    this.directory = directory;
    this.properties = properties;
  }

  /**
   * Returns the services described by the current {@code services.properties}, read once per JVM.
   *
   * @return the services
   * @throws AssertionError if the file is missing or unreadable (the services were never started)
   */
  public static synchronized TestServices get() {
    if (instance == null) {
      instance = load(servicesDirectory());
    }
    return instance;
  }

  /**
   * Reads {@code services.properties} from the given directory, without caching.
   *
   * @param directory the services directory
   * @return the services it describes
   * @throws AssertionError if the file is missing or unreadable
   */
  public static TestServices load(Path directory) {
    Path file = directory.resolve("services.properties");
    if (!Files.isRegularFile(file)) {
      throw new AssertionError(
          "The test services are not started: "
              + file
              + " does not exist; "
              + HOW_TO_FIX
              + " (or set "
              + DIR_SETTING
              + " to the SERVICES_DIR it used).");
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new AssertionError(
          "Cannot read " + file + ": " + e.getMessage() + "; " + HOW_TO_FIX, e);
    }
    return new TestServices(directory, properties);
  }

  /**
   * The services directory named by {@value #DIR_SETTING} (system property first, then
   * environment), or {@value #DEFAULT_DIR}.
   *
   * @return the services directory
   */
  public static Path servicesDirectory() {
    String value = System.getProperty(DIR_SETTING);
    if (value == null || value.isBlank()) {
      value = System.getenv(DIR_SETTING);
    }
    return Path.of(value == null || value.isBlank() ? DEFAULT_DIR : value);
  }

  /**
   * Checks that the Docker daemon and the three registries answer right now.
   *
   * @return this, for chaining
   * @throws AssertionError naming every service that is down and saying to run {@code
   *     .ci/services.sh}
   */
  public TestServices requireRunning() {
    List<String> down = new ArrayList<>();
    String ping = dockerPing();
    if (!ping.isEmpty()) {
      down.add("dockerd at " + dockerSocket() + " (" + ping + ")");
    }
    checkRegistry(
        down, "plain registry", URI.create("http://" + plainRegistry() + "/v2/"), false, null);
    checkRegistry(
        down, "auth registry", URI.create("http://" + authRegistry() + "/v2/"), true, null);
    checkRegistry(
        down,
        "TLS registry",
        URI.create("https://" + tlsRegistry() + "/v2/"),
        true,
        tlsSslContext());
    if (!down.isEmpty()) {
      throw new AssertionError(
          "Test services are down: " + String.join("; ", down) + ". " + HOW_TO_FIX + ".");
    }
    return this;
  }

  /**
   * @return the services directory this was read from
   */
  public Path directory() {
    return directory;
  }

  /**
   * Returns one raw entry of {@code services.properties}.
   *
   * @param key the key, e.g. {@code registry.plain}
   * @return its value
   * @throws AssertionError if the key is missing (services.properties written by an older
   *     services.sh)
   */
  public String property(String key) {
    String value = properties.getProperty(key);
    if (value == null) {
      throw new AssertionError(
          "services.properties in "
              + directory
              + " has no '"
              + key
              + "'; "
              + HOW_TO_FIX
              + " again to rewrite it.");
    }
    return value;
  }

  /**
   * @return host:port of the plain http registry without authentication, e.g. {@code
   *     127.0.0.1:5000} (the port is whichever services.sh found free)
   */
  public String plainRegistry() {
    return property("registry.plain");
  }

  /**
   * @return host:port of the plain http registry with htpasswd authentication, e.g. {@code
   *     127.0.0.1:5100}
   */
  public String authRegistry() {
    return property("registry.auth");
  }

  /**
   * @return host:port of the https registry (self-signed certificate) with htpasswd authentication
   */
  public String tlsRegistry() {
    return property("registry.tls");
  }

  /**
   * @return the user name accepted by the auth and TLS registries
   */
  public String registryUser() {
    return property("registry.user");
  }

  /**
   * @return the password of {@link #registryUser()}
   */
  public String registryPassword() {
    return property("registry.password");
  }

  /**
   * @return the file holding {@link #registryPassword()} (no trailing newline is guaranteed)
   */
  public Path registryPasswordFile() {
    return Path.of(property("registry.password.file"));
  }

  /**
   * @return the PEM certificate of the TLS registry (valid for IP 127.0.0.1 and DNS localhost)
   */
  public Path tlsCertificate() {
    return Path.of(property("registry.tls.cert"));
  }

  /**
   * @return a PKCS12 trust store holding only {@link #tlsCertificate()}, password {@link
   *     #tlsTruststorePassword()}
   */
  public Path tlsTruststore() {
    return Path.of(property("registry.tls.truststore"));
  }

  /**
   * @return the password of {@link #tlsTruststore()}
   */
  public String tlsTruststorePassword() {
    return property("registry.tls.truststore.password");
  }

  /**
   * Builds an SSL context that trusts exactly the TLS registry's certificate (and nothing else).
   *
   * @return a new SSL context
   */
  public SSLContext tlsSslContext() {
    try (InputStream in = Files.newInputStream(tlsCertificate())) {
      Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setCertificateEntry("jenkins-dind-registry", certificate);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new AssertionError(
          "Cannot load the TLS registry certificate "
              + tlsCertificate()
              + ": "
              + e
              + "; "
              + HOW_TO_FIX,
          e);
    }
  }

  /**
   * @return the Docker daemon's unix socket, {@code /var/run/docker.sock}
   */
  public Path dockerSocket() {
    return Path.of(property("docker.socket"));
  }

  /**
   * @return the Docker host URI, {@code unix:///var/run/docker.sock}
   */
  public String dockerHost() {
    return property("docker.host");
  }

  /**
   * The GID owning the Docker socket, as {@code stat} saw it when the services started (106 on
   * these machines; never assume a value).
   *
   * @return the socket's group id
   */
  public int dockerSocketGid() {
    return Integer.parseInt(property("docker.socket.gid"));
  }

  /**
   * @return the Docker Engine version, e.g. {@code 20.10.24+dfsg1}
   */
  public String dockerServerVersion() {
    return property("docker.server.version");
  }

  /**
   * @return the highest Docker Engine API version the daemon speaks, e.g. {@code 1.41}
   */
  public String dockerApiVersion() {
    return property("docker.server.api.version");
  }

  /**
   * The docker CLI of Debian's {@code docker.io} package that {@code services.sh} installed (never
   * a CLI that merely happens to be on the PATH). It is dynamically linked against glibc: the
   * fixtures of {@link JenkinsBaseImages} carry the libraries it needs.
   *
   * @return the CLI's path, {@code /usr/bin/docker} on Debian 12
   */
  public Path dockerCli() {
    return Path.of(property("docker.cli"));
  }

  /**
   * @return the version {@link #dockerCli()} reports as its client version, e.g. {@code
   *     20.10.24+dfsg1}
   */
  public String dockerCliVersion() {
    return property("docker.cli.version");
  }

  /**
   * The access log of the plain registry (combined format: one line per request with its byte
   * count). {@code services.sh} always starts that registry itself, on a port it checked was free.
   *
   * @return the log file; empty only for a services.properties that names no log
   */
  public Optional<Path> plainRegistryLog() {
    String value = properties.getProperty("registry.plain.log", "");
    return value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
  }

  /**
   * @return the value for an HTTP {@code Authorization} header accepted by the auth and TLS
   *     registries
   */
  public String basicAuthorization() {
    String pair = registryUser() + ":" + registryPassword();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns the empty string if dockerd answers {@code GET /_ping} with 200, else what went wrong.
   */
  private String dockerPing() {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(dockerSocket()));
      channel.write(
          ByteBuffer.wrap(
              "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer buffer = ByteBuffer.allocate(256);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        if (new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII)
            .contains("\r\n")) {
          break;
        }
      }
      String status =
          new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII)
              .lines()
              .findFirst()
              .orElse("");
      return status.contains(" 200 ") ? "" : "answered '" + status + "'";
    } catch (IOException e) {
      return e.toString();
    }
  }

  private void checkRegistry(
      List<String> down, String name, URI uri, boolean auth, SSLContext ssl) {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3));
    if (ssl != null) {
      builder.sslContext(ssl);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET();
    if (auth) {
      request.header("Authorization", basicAuthorization());
    }
    try {
      HttpResponse<Void> response =
          builder.build().send(request.build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() != 200) {
        down.add(name + " at " + uri + " (HTTP " + response.statusCode() + ")");
      }
    } catch (IOException e) {
      down.add(name + " at " + uri + " (" + e + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while checking " + uri, e);
    }
  }
}
