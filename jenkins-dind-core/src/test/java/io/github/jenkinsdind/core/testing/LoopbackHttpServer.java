package io.github.jenkinsdind.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 for the tests of any package (the docker CLI's and the Jenkins
 * plugins' downloads) (JDK {@code com.sun.net.httpserver}) that serves files by path, answers 404
 * for anything else, and can misbehave on purpose. It counts the requests per path.
 */
public final class LoopbackHttpServer implements AutoCloseable {
  /** What the server does for a path. */
  @FunctionalInterface
  public interface Responder {
    /**
     * Answers one request.
     *
     * @param exchange the request and its response
     * @throws IOException if the answer cannot be sent
     */
    void respond(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final Map<String, Responder> responders = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

  public LoopbackHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
          Responder responder = responders.getOrDefault(path, LoopbackHttpServer::notFound);
          try (exchange) {
            responder.respond(exchange);
          }
        });
    server.start();
  }

  /** Returns {@code http://127.0.0.1:PORT}. */
  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Serves a file at a path, with a Content-Length. */
  public void serve(String path, Path file) {
    responders.put(path, exchange -> sendFile(exchange, file));
  }

  /** Serves bytes at a path, with a Content-Length. */
  public void bytes(String path, byte[] bytes) {
    responders.put(
        path,
        exchange -> {
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
        });
  }

  /** Answers a path with a custom responder. */
  public void respond(String path, Responder responder) {
    responders.put(path, responder);
  }

  /** Answers a path with a status and an empty body. */
  public void status(String path, int status) {
    responders.put(
        path,
        exchange -> {
          exchange.sendResponseHeaders(status, -1);
        });
  }

  /** Redirects a path to another one on this server. */
  public void redirect(String path, String location) {
    responders.put(
        path,
        exchange -> {
          exchange.getResponseHeaders().add("Location", location);
          exchange.sendResponseHeaders(302, -1);
        });
  }

  /** Serves some text with status 200. */
  public void text(String path, String body) {
    responders.put(
        path,
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
        });
  }

  /**
   * Announces the whole file's Content-Length (or chunked encoding), sends only the first half, and
   * drops the connection.
   */
  public void cutOff(String path, Path file, boolean chunked) {
    responders.put(
        path,
        exchange -> {
          byte[] bytes = Files.readAllBytes(file);
          exchange.sendResponseHeaders(200, chunked ? 0 : bytes.length);
          OutputStream body = exchange.getResponseBody();
          body.write(bytes, 0, bytes.length / 2);
          body.flush();
          // An exception out of the handler makes the server close the connection mid-body.
          throw new UncheckedIOException(new IOException("connection dropped on purpose"));
        });
  }

  /** Returns how many requests a path received. */
  public int requests(String path) {
    AtomicInteger count = requests.get(path);
    return count == null ? 0 : count.get();
  }

  /** Returns how many requests the server received in all. */
  public int totalRequests() {
    return requests.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  private static void sendFile(HttpExchange exchange, Path file) throws IOException {
    exchange.sendResponseHeaders(200, Files.size(file));
    try (OutputStream body = exchange.getResponseBody()) {
      Files.copy(file, body);
    }
  }

  private static void notFound(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(404, -1);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
