package io.github.jenkinsdind.it.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.jenkinsdind.it.support.DockerCliServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A download site for the docker CLI (the tgz of {@link DockerCliServer}, at the same path) whose
 * first download stalls: it announces the whole length, sends half of the bytes and then sends
 * nothing more until the client goes away or the server is closed. Later downloads get the whole
 * file. A test kills the build while it waits for the rest, as a crash in the middle of a download
 * would.
 */
final class StallingCliServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final CountDownLatch stalled = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicInteger downloads = new AtomicInteger();
  private final byte[] tgz;

  private StallingCliServer(HttpServer server, ExecutorService executor, byte[] tgz) {
    this.server = server;
    this.executor = executor;
    this.tgz = tgz;
  }

  /**
   * Starts the server on 127.0.0.1 and a free port.
   *
   * @return the server; close it when done
   */
  static StallingCliServer start() {
    try {
      byte[] tgz = Files.readAllBytes(DockerCliServer.tarball());
      HttpServer http =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService executor =
          Executors.newCachedThreadPool(
              runnable -> {
                Thread thread = new Thread(runnable, "stalling-cli-server");
                thread.setDaemon(true);
                return thread;
              });
      StallingCliServer server = new StallingCliServer(http, executor, tgz);
      http.createContext("/", server::handle);
      http.setExecutor(executor);
      http.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the stalling docker CLI server", e);
    }
  }

  /**
   * @return the URL template, {@code
   *     http://127.0.0.1:PORT/linux/static/stable/{arch}/docker-{version}.tgz}
   */
  String urlTemplate() {
    return "http://127.0.0.1:"
        + server.getAddress().getPort()
        + "/linux/static/stable/{arch}/docker-{version}.tgz";
  }

  /**
   * @return the size of the tgz
   */
  long size() {
    return tgz.length;
  }

  /**
   * @return how many GET requests for the tgz were answered (stalled or whole)
   */
  int downloads() {
    return downloads.get();
  }

  /**
   * Waits until the first download has sent half of the file and stalls.
   *
   * @param timeout how long to wait
   * @throws AssertionError if it does not happen in time
   */
  void awaitStall(Duration timeout) {
    try {
      if (!stalled.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("No docker CLI download started within " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted", e);
    }
  }

  /** Stops the server, releasing a stalled download. */
  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!DockerCliServer.PATH.equals(exchange.getRequestURI().getPath())
          || !"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      boolean first = downloads.incrementAndGet() == 1;
      exchange.getResponseHeaders().set("Content-Type", "application/x-tar");
      exchange.sendResponseHeaders(200, tgz.length);
      OutputStream body = exchange.getResponseBody();
      if (!first) {
        body.write(tgz);
        body.close();
        return;
      }
      body.write(tgz, 0, tgz.length / 2);
      body.flush();
      stalled.countDown();
      try {
        closed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
