package io.github.jenkinsdind.it.trust;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A plain-http registry of the test's own, on a free loopback port: it asks for basic credentials
 * at {@code GET /v2/} (so that a client that holds credentials sends them, as Docker and Jib do
 * after a challenge) but serves everything else anonymously, by forwarding each request, without
 * its {@code Authorization} header, to the plain registry. It records, for every request, the
 * method, the path, the user agent and the user name of the credentials it carried, if any: what a
 * registry received, to the header.
 */
final class ChallengingRegistry implements AutoCloseable {

  /**
   * One request as received.
   *
   * @param method the method
   * @param path the path
   * @param userAgent the user agent
   * @param user the user name of the basic credentials sent, if any
   */
  record Request(String method, String path, String userAgent, Optional<String> user) {
    /**
     * Whether the Docker daemon sent it (its user agent starts with {@code docker/}).
     *
     * @return whether it came from dockerd
     */
    boolean fromDaemon() {
      return userAgent.startsWith("docker/");
    }
  }

  private final ServerSocket server;
  private final InetSocketAddress upstream;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

  /**
   * Starts the registry.
   *
   * @param upstream the plain registry, {@code host:port}
   * @throws IOException if no port can be had
   */
  ChallengingRegistry(String upstream) throws IOException {
    int colon = upstream.lastIndexOf(':');
    this.upstream =
        new InetSocketAddress(
            upstream.substring(0, colon), Integer.parseInt(upstream.substring(colon + 1)));
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "challenging-registry");
    accept.setDaemon(true);
    accept.start();
  }

  /**
   * Returns the registry's address.
   *
   * @return {@code 127.0.0.1:PORT}
   */
  String address() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /**
   * Returns the requests received so far.
   *
   * @return the requests, in order
   */
  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread serve = new Thread(() -> serve(client), "challenging-registry-request");
        serve.setDaemon(true);
        serve.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      Optional<String> head = readHead(in);
      if (head.isEmpty()) {
        // not http (a TLS handshake, say): answer as Go's http server does
        out.write(
            "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        return;
      }
      String[] lines = head.get().split("\r\n");
      String[] requestLine = lines[0].split(" ");
      String userAgent = "";
      Optional<String> user = Optional.empty();
      StringBuilder forwarded = new StringBuilder(lines[0]).append("\r\n");
      for (int i = 1; i < lines.length; i++) {
        String line = lines[i];
        String name = line.substring(0, Math.max(0, line.indexOf(':'))).trim();
        String value = line.substring(line.indexOf(':') + 1).trim();
        switch (name.toLowerCase(Locale.ROOT)) {
          case "authorization" -> user = basicUser(value);
          case "connection", "keep-alive" -> {}
          default -> {
            if (name.equalsIgnoreCase("user-agent")) {
              userAgent = value;
            }
            forwarded.append(line).append("\r\n");
          }
        }
      }
      String path = requestLine.length > 1 ? requestLine[1] : "";
      requests.add(new Request(requestLine[0], path, userAgent, user));
      if (path.equals("/v2/") && user.isEmpty()) {
        out.write(
            ("HTTP/1.1 401 Unauthorized\r\n"
                    + "WWW-Authenticate: Basic realm=\"jenkins-dind-trust\"\r\n"
                    + "Docker-Distribution-Api-Version: registry/2.0\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\n{}")
                .getBytes(StandardCharsets.US_ASCII));
        return;
      }
      forwarded.append("Connection: close\r\n\r\n");
      try (Socket registry = new Socket()) {
        registry.connect(upstream, 3000);
        registry.getOutputStream().write(forwarded.toString().getBytes(StandardCharsets.UTF_8));
        registry.getOutputStream().flush();
        Thread body =
            new Thread(
                () -> {
                  try {
                    in.transferTo(registry.getOutputStream());
                  } catch (IOException ignored) {
                    // the exchange is over
                  }
                },
                "challenging-registry-body");
        body.setDaemon(true);
        body.start();
        registry.getInputStream().transferTo(out);
      }
    } catch (IOException ignored) {
      // the client went away
    }
  }

  /** The request line and headers, up to the empty line; empty if it is not http. */
  private static Optional<String> readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (head.size() < 65536) {
      int b = in.read();
      if (b < 0) {
        return Optional.empty();
      }
      if (head.size() == 0 && (b < 'A' || b > 'Z')) {
        return Optional.empty();
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == end.length) {
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return Optional.of(text.substring(0, text.length() - end.length));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> basicUser(String authorization) {
    if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.of("(not basic)");
    }
    try {
      String pair =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
      return Optional.of(pair.substring(0, Math.max(0, pair.indexOf(':'))));
    } catch (IllegalArgumentException e) {
      return Optional.of("(undecodable)");
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
