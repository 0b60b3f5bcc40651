package io.github.jenkinsdind.core.internal.jib;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain-http registry on 127.0.0.1 that answers what a test gives it, by method and path, and 404
 * otherwise; it records every request. Jib reaches it through its http failover (insecure
 * registries allowed): like a real plain-http registry it answers a TLS handshake with an http
 * error, so that the https attempt fails at once. One request per connection.
 */
final class FakeRegistry implements AutoCloseable {

  /** An answer: status, headers and body. */
  record Answer(int status, Map<String, String> headers, byte[] body) {}

  private final ServerSocket server;
  private final Thread acceptor;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  final List<String> requests = new CopyOnWriteArrayList<>();

  FakeRegistry() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::accept, "fake-registry");
    acceptor.setDaemon(true);
    acceptor.start();
    answer("GET", "/v2/", 200, Map.of("Content-Type", "application/json"), "{}");
  }

  /** Returns the registry host, {@code 127.0.0.1:PORT}. */
  String host() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  void answer(String method, String path, int status, Map<String, String> headers, String body) {
    answers.put(
        method + " " + path, new Answer(status, headers, body.getBytes(StandardCharsets.UTF_8)));
  }

  void answer(String method, String path, int status, Map<String, String> headers, byte[] body) {
    answers.put(method + " " + path, new Answer(status, headers, body));
  }

  /** Serves a manifest by a tag or digest, with its media type. */
  void manifest(String repository, String reference, String mediaType, String json) {
    answer(
        "GET",
        "/v2/" + repository + "/manifests/" + reference,
        200,
        Map.of("Content-Type", mediaType, "Docker-Content-Digest", digest(json)),
        json);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread handler = new Thread(() -> handle(socket), "fake-registry-request");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void handle(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      in.mark(1);
      if (in.read() == 0x16) { // a TLS handshake: answer as Go's http server does
        out.write("HTTP/1.0 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return;
      }
      in.reset();
      String[] requestLine = line(in).split(" ");
      int length = 0;
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(header.substring(15).trim());
        }
      }
      in.readNBytes(length);
      URI uri = URI.create(requestLine[1]);
      String key = requestLine[0] + " " + uri.getPath();
      requests.add(key + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
      Answer answer =
          answers.getOrDefault(
              key,
              new Answer(
                  404,
                  Map.of("Content-Type", "application/json"),
                  "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"unknown\"}]}"
                      .getBytes(StandardCharsets.UTF_8)));
      StringBuilder head = new StringBuilder("HTTP/1.1 " + answer.status() + " X\r\n");
      answer.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      head.append("Content-Length: ").append(answer.body().length).append("\r\n");
      head.append("Connection: close\r\n\r\n");
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      if (!requestLine[0].equals("HEAD")) {
        out.write(answer.body());
      }
      out.flush();
    } catch (IOException | RuntimeException e) {
      // the client went away
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  static String digest(String text) {
    return digest(text.getBytes(StandardCharsets.UTF_8));
  }

  static String digest(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
