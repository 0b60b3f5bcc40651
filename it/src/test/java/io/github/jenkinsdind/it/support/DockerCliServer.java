package io.github.jenkinsdind.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.jenkinsdind.core.api.DockerCliPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * A stand-in for {@code download.docker.com}: serves the docker CLI that {@code .ci/services.sh}
 * installed from Debian's {@code docker.io} package ({@link #source()}, {@link #VERSION}) packed as
 * {@code docker/docker} (mode 0755) in {@code docker-<version>.tgz}, at the path layout of the
 * official URL template, from a JDK HTTP server on 127.0.0.1 and a free port.
 *
 * <p>That CLI is dynamically linked against glibc, unlike Docker's static downloads: it runs in the
 * images built from {@link JenkinsBaseImages}, which carry the libraries it needs.
 *
 * <pre>{@code
 * try (DockerCliServer server = DockerCliServer.start()) {
 *     String template = server.urlTemplate();  // http://127.0.0.1:PORT/linux/static/stable/{arch}/docker-{version}.tgz
 *     String sha256 = server.sha256();          // of the tgz
 *     ... build ...
 *     assertThat(server.requestCount()).isEqualTo(1);
 * }
 * }</pre>
 *
 * Other paths answer 404 (and are counted too). The tgz is reproducible (fixed times and owners),
 * so its sha256 is the same in every JVM for the same CLI binary.
 */
public final class DockerCliServer implements AutoCloseable {

  /**
   * The docker CLI version served: what the CLI reports as its client version (for example {@code
   * 20.10.24+dfsg1}), as {@code services.sh} recorded it.
   */
  public static final String VERSION = TestServices.get().dockerCliVersion();

  /** The static-download architecture name served: this machine's ({@code x86_64} on amd64). */
  public static final String ARCH = downloadArchitecture(System.getProperty("os.arch"));

  /** The URL path of the tgz, as on the official download site. */
  public static final String PATH = "/linux/static/stable/" + ARCH + "/docker-" + VERSION + ".tgz";

  private static Path tarball;
  private static String tarballSha256;

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger tarballRequests = new AtomicInteger();
  private final AtomicInteger pluginRequests = new AtomicInteger();
  private final List<String> requestPaths = new ArrayList<>();

  private DockerCliServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Packs the CLI (once per JVM) and starts a server on 127.0.0.1 and a free port.
   *
   * @return the running server; close it when done
   */
  public static DockerCliServer start() {
    Path tgz = tarball();
    try {
      HttpServer http =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService executor =
          Executors.newFixedThreadPool(
              2,
              runnable -> {
                Thread thread = new Thread(runnable, "docker-cli-server");
                thread.setDaemon(true);
                return thread;
              });
      DockerCliServer server = new DockerCliServer(http, executor);
      http.createContext("/", exchange -> server.handle(exchange, tgz));
      http.setExecutor(executor);
      http.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the docker CLI download server on 127.0.0.1", e);
    }
  }

  /**
   * The tgz served ({@code docker/docker} inside). It is made once and kept in {@code
   * java.io.tmpdir/jenkins-dind-fixtures-cache}, keyed by the CLI's size and modification time, so
   * later JVMs reuse it.
   *
   * @return the tgz file
   */
  public static synchronized Path tarball() {
    if (tarball == null) {
      Path cli = source();
      try {
        Path dir =
            Files.createDirectories(
                Path.of(System.getProperty("java.io.tmpdir"), "jenkins-dind-fixtures-cache"));
        Path tgz =
            dir.resolve(
                "docker-"
                    + VERSION
                    + "-"
                    + Files.size(cli)
                    + "-"
                    + Files.getLastModifiedTime(cli).toMillis()
                    + ".tgz");
        if (!Files.isRegularFile(tgz)) {
          pack(cli, tgz);
        }
        tarballSha256 = sha256(tgz);
        tarball = tgz;
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot pack "
                + cli
                + " into a tgz: "
                + e.getMessage()
                + " (perhaps you should run .ci/services.sh again: it installs the docker CLI "
                + VERSION
                + " there)",
            e);
      }
    }
    return tarball;
  }

  /**
   * The docker CLI packed into the tgz: the one {@code services.sh} installed ({@link
   * TestServices#dockerCli()}), never a CLI that merely happens to be on this machine.
   *
   * @return its path on the host
   */
  public static Path source() {
    return TestServices.get().dockerCli();
  }

  /**
   * The sha256 of {@link #tarball()}, lower-case hex without prefix.
   *
   * @return the checksum
   */
  public static synchronized String tarballSha256() {
    tarball();
    return tarballSha256;
  }

  /**
   * @return the base URL, {@code http://127.0.0.1:PORT}
   */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * @return the URL template in the official form, {@code
   *     http://127.0.0.1:PORT/linux/static/stable/{arch}/docker-{version}.tgz}
   */
  public String urlTemplate() {
    return baseUrl() + "/linux/static/stable/{arch}/docker-{version}.tgz";
  }

  /**
   * @return the buildx URL template in the form of its GitHub releases, {@code
   *     http://127.0.0.1:PORT/buildx/v{version}/buildx-v{version}.linux-{arch}}, serving the Debian
   *     buildx of {@link CliPluginFiles} for its version and amd64
   */
  public String buildxUrlTemplate() {
    return baseUrl() + "/buildx/v{version}/buildx-v{version}.linux-{arch}";
  }

  /**
   * @return the compose URL template in the form of its GitHub releases, {@code
   *     http://127.0.0.1:PORT/compose/v{version}/docker-compose-linux-{arch}}, serving the Debian
   *     compose of {@link CliPluginFiles} for its version and x86_64
   */
  public String composeUrlTemplate() {
    return baseUrl() + "/compose/v{version}/docker-compose-linux-{arch}";
  }

  /**
   * @return how many GET requests for a CLI plugin this server answered with 200
   */
  public int pluginRequestCount() {
    return pluginRequests.get();
  }

  /**
   * @return the URL of the served tgz (x86_64, {@value #VERSION})
   */
  public URI url() {
    return URI.create(baseUrl() + PATH);
  }

  /**
   * @return the tgz served, see {@link #tarball()}
   */
  public Path tgz() {
    return tarball();
  }

  /**
   * @return the sha256 of the tgz served, lower-case hex
   */
  public String sha256() {
    return tarballSha256();
  }

  /**
   * @return how many requests (any path, any method) this server answered
   */
  public int requestCount() {
    return requests.get();
  }

  /**
   * @return how many GET requests for the tgz this server answered with 200
   */
  public int tarballRequestCount() {
    return tarballRequests.get();
  }

  /**
   * @return the paths requested so far, in order
   */
  public synchronized List<String> requestPaths() {
    return List.copyOf(requestPaths);
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange, Path tgz) throws IOException {
    try (exchange) {
      synchronized (this) {
        requestPaths.add(exchange.getRequestURI().getPath());
      }
      requests.incrementAndGet();
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      Path plugin = pluginAt(path);
      if (plugin != null && "GET".equals(method)) {
        pluginRequests.incrementAndGet();
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, Files.size(plugin));
        try (OutputStream body = exchange.getResponseBody()) {
          Files.copy(plugin, body);
        }
        return;
      }
      Path foreign = foreignCliAt(path);
      if (foreign != null && "GET".equals(method)) {
        tarballRequests.incrementAndGet();
        exchange.getResponseHeaders().set("Content-Type", "application/x-tar");
        exchange.sendResponseHeaders(200, Files.size(foreign));
        try (OutputStream body = exchange.getResponseBody()) {
          Files.copy(foreign, body);
        }
        return;
      }
      if (!PATH.equals(path)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/x-tar");
      if ("HEAD".equals(method)) {
        exchange.getResponseHeaders().set("Content-Length", Long.toString(Files.size(tgz)));
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      if (!"GET".equals(method)) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      tarballRequests.incrementAndGet();
      exchange.sendResponseHeaders(200, Files.size(tgz));
      try (OutputStream body = exchange.getResponseBody()) {
        Files.copy(tgz, body);
      }
    }
  }

  /**
   * The tgz served for a foreign architecture ({@code aarch64}, {@code ppc64le}) at the official
   * path: Debian's static busybox of that architecture packed as {@code docker/docker}. It is no
   * docker CLI, but it is a real binary of that machine, which is what the build checks and what a
   * multi-platform image's per-platform layer must show.
   */
  private static synchronized Path foreignCliAt(String path) throws IOException {
    for (String[] arch : new String[][] {{"aarch64", "arm64"}, {"ppc64le", "ppc64le"}}) {
      if (path.equals("/linux/static/stable/" + arch[0] + "/docker-" + VERSION + ".tgz")) {
        Path busybox = ForeignBinaries.busybox(arch[1]);
        Path tgz =
            Path.of(
                System.getProperty("java.io.tmpdir"),
                "jenkins-dind-fixtures-cache",
                "docker-" + VERSION + "-" + arch[0] + "-" + Files.size(busybox) + ".tgz");
        if (!Files.isRegularFile(tgz)) {
          Files.createDirectories(tgz.getParent());
          pack(busybox, tgz);
        }
        return tgz;
      }
    }
    return null;
  }

  private static Path pluginAt(String path) {
    if (!path.startsWith("/buildx/") && !path.startsWith("/compose/")) {
      return null;
    }
    CliPluginFiles files = CliPluginFiles.get();
    String buildx = files.buildxVersion();
    String compose = files.composeVersion();
    if (path.equals("/buildx/v" + buildx + "/buildx-v" + buildx + ".linux-amd64")) {
      return files.buildx();
    }
    if (path.equals("/compose/v" + compose + "/docker-compose-linux-x86_64")) {
      return files.compose();
    }
    // a mirror that serves other bytes under the default version's name: refused by the pins
    String defaultBuildx = DockerCliPlugin.DEFAULT_BUILDX_VERSION;
    if (path.equals("/buildx/v" + defaultBuildx + "/buildx-v" + defaultBuildx + ".linux-amd64")) {
      return files.buildx();
    }
    String defaultCompose = DockerCliPlugin.DEFAULT_COMPOSE_VERSION;
    if (path.equals("/compose/v" + defaultCompose + "/docker-compose-linux-x86_64")) {
      return files.compose();
    }
    return null;
  }

  private static void pack(Path cli, Path tgz) throws IOException {
    Path partial = Files.createTempFile(tgz.getParent(), tgz.getFileName().toString(), ".partial");
    GzipParameters fast = new GzipParameters();
    fast.setCompressionLevel(Deflater.BEST_SPEED);
    try (OutputStream file = Files.newOutputStream(partial);
        GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(file, fast);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      TarArchiveEntry dir = new TarArchiveEntry("docker/");
      dir.setMode(040755);
      fixed(dir);
      tar.putArchiveEntry(dir);
      tar.closeArchiveEntry();
      TarArchiveEntry entry = new TarArchiveEntry("docker/docker");
      entry.setMode(0100755);
      entry.setSize(Files.size(cli));
      fixed(entry);
      tar.putArchiveEntry(entry);
      Files.copy(cli, tar);
      tar.closeArchiveEntry();
      tar.finish();
    }
    Files.move(partial, tgz, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String downloadArchitecture(String javaArch) {
    return switch (javaArch) {
      case "amd64", "x86_64" -> "x86_64";
      case "arm64" -> "aarch64";
      default -> javaArch;
    };
  }

  private static void fixed(TarArchiveEntry entry) {
    entry.setLastModifiedTime(FileTime.fromMillis(0));
    entry.setIds(0, 0);
    entry.setNames("root", "root");
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
