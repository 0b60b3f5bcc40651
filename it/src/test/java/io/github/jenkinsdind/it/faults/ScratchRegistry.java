package io.github.jenkinsdind.it.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A registry of a test's own: {@code docker-registry serve} (the CNCF distribution registry) on
 * 127.0.0.1 and a free port, plain http, no authentication, its config and storage in a directory
 * of the test. Unlike the shared registries of {@code .ci/services.sh}, a test may kill it
 * (SIGKILL, as a crash or a pulled plug would) and start it again on the same port and storage.
 *
 * <pre>{@code
 * try (ScratchRegistry registry = ScratchRegistry.start(tempDir)) {
 *     String image = registry.address() + "/faults/x:1";
 *     registry.awaitLog("/blobs/uploads/", Duration.ofMinutes(2));
 *     registry.kill();
 *     registry.restart();
 * }
 * }</pre>
 *
 * Its log (stderr: the access log and the request log, one line per finished request) is appended
 * to {@link #logFile()} across restarts.
 */
final class ScratchRegistry implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final Path directory;
  private final int port;
  private Process process;

  private ScratchRegistry(Path directory, int port) {
    this.directory = directory;
    this.port = port;
  }

  /**
   * Writes a config and starts the registry on a free loopback port.
   *
   * @param directory where its config, storage ({@code data/}) and log go; created if missing
   * @return the running registry (it answers {@code GET /v2/})
   */
  static ScratchRegistry start(Path directory) {
    try {
      Files.createDirectories(directory.resolve("data"));
      int port;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = socket.getLocalPort();
      }
      Files.writeString(
          directory.resolve("config.yml"),
          String.join(
              "\n",
              "version: 0.1",
              "log:",
              "  level: info",
              "storage:",
              "  filesystem:",
              "    rootdirectory: " + directory.resolve("data").toAbsolutePath(),
              "  delete:",
              "    enabled: true",
              "http:",
              "  addr: 127.0.0.1:" + port,
              "  secret: jenkins-dind-faults-" + port,
              ""));
      ScratchRegistry registry = new ScratchRegistry(directory, port);
      registry.launch();
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot set up a scratch registry in " + directory, e);
    }
  }

  /**
   * @return {@code 127.0.0.1:PORT}
   */
  String address() {
    return "127.0.0.1:" + port;
  }

  /**
   * @return the log file, appended to by every start
   */
  Path logFile() {
    return directory.resolve("registry.log");
  }

  /**
   * @return everything the registry has logged so far
   */
  String log() {
    try {
      return Files.exists(logFile()) ? Files.readString(logFile(), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until the log holds a text, polling every 20 ms.
   *
   * @param text for example {@code "/blobs/uploads/"}
   * @param timeout how long to wait
   * @throws AssertionError with the log if the text does not show up in time
   */
  void awaitLog(String text, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (log().contains(text)) {
        return;
      }
      pause(20);
    }
    throw new AssertionError(
        "The scratch registry did not log '" + text + "' within " + timeout + "; log:\n" + log());
  }

  /**
   * Kills the registry with SIGKILL and waits until it is gone; its storage stays as the kill left
   * it.
   */
  void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError(
            "The scratch registry on " + address() + " did not die from SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while killing the scratch registry", e);
    }
  }

  /** Starts the registry again on the same port, config and storage. */
  void restart() {
    if (process.isAlive()) {
      kill();
    }
    launch();
  }

  /** Kills the registry if it runs. */
  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      kill();
    }
  }

  private void launch() {
    ProcessBuilder builder =
        new ProcessBuilder("docker-registry", "serve", directory.resolve("config.yml").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AssertionError(
          "Cannot start docker-registry: "
              + e.getMessage()
              + "; perhaps you should run .ci/services.sh, which installs it",
          e);
    }
    awaitReady();
  }

  private void awaitReady() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    URI uri = URI.create("http://" + address() + "/v2/");
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    String last = "no answer";
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "docker-registry exited with " + process.exitValue() + "; log:\n" + log());
      }
      try {
        int status =
            client
                .send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status == 200) {
          return;
        }
        last = "HTTP " + status;
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while starting the scratch registry", e);
      }
      pause(100);
    }
    throw new AssertionError(
        "The scratch registry on "
            + address()
            + " did not answer within "
            + READY_TIMEOUT
            + " ("
            + last
            + "); log:\n"
            + log());
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted", e);
    }
  }
}
