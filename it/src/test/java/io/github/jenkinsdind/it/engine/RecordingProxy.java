package io.github.jenkinsdind.it.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP endpoint on 127.0.0.1 that forwards every byte to the Docker daemon's unix socket and
 * records the HTTP request lines ({@code POST /containers/create HTTP/1.1}) the client sends, so a
 * test can see which API paths a client uses.
 */
final class RecordingProxy implements AutoCloseable {
  private static final Pattern REQUEST_LINE =
      Pattern.compile("(?:GET|HEAD|POST|PUT|DELETE) /\\S* HTTP/1\\.[01]$");

  private final ServerSocket server;
  private final Path socket;
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());

  RecordingProxy(Path socket) throws IOException {
    this.socket = socket;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "recording-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  /**
   * Returns the address to give as DOCKER_HOST.
   *
   * @return {@code tcp://127.0.0.1:PORT}
   */
  String dockerHost() {
    return "tcp://127.0.0.1:" + server.getLocalPort();
  }

  /**
   * Returns the request lines seen so far.
   *
   * @return the lines, in order
   */
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
        SocketChannel daemon = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        // The channel itself, not Channels' streams: those share one lock between read and write.
        start(() -> toDaemon(client, daemon));
        start(() -> toClient(daemon, client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void toDaemon(Socket client, SocketChannel daemon) {
    StringBuilder line = new StringBuilder();
    byte[] bytes = new byte[16384];
    try (daemon) {
      InputStream in = client.getInputStream();
      for (int n; (n = in.read(bytes)) > 0; ) {
        scan(bytes, n, line);
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, n);
        while (buffer.hasRemaining()) {
          daemon.write(buffer);
        }
      }
    } catch (IOException e) {
      // one side closed
    } finally {
      closeQuietly(client);
    }
  }

  private void toClient(SocketChannel daemon, Socket client) {
    ByteBuffer buffer = ByteBuffer.allocate(16384);
    try {
      OutputStream out = client.getOutputStream();
      while (daemon.read(buffer) > 0) {
        out.write(buffer.array(), 0, buffer.position());
        out.flush();
        buffer.clear();
      }
    } catch (IOException e) {
      // one side closed
    } finally {
      closeQuietly(client);
      try {
        daemon.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  private static void start(Runnable pump) {
    Thread thread = new Thread(pump, "recording-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  private void scan(byte[] buffer, int n, StringBuilder line) {
    for (int i = 0; i < n; i++) {
      char c = (char) (buffer[i] & 0xff);
      if (c == '\n') {
        // A request line may follow the previous request's body on the same line.
        Matcher request = REQUEST_LINE.matcher(line.toString().strip());
        if (request.find()) {
          requests.add(request.group());
        }
        line.setLength(0);
      } else if (line.length() < 4096) {
        line.append(c);
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (open) {
      for (Socket s : open) {
        s.close();
      }
    }
  }

  /** For messages. */
  @Override
  public String toString() {
    return dockerHost();
  }
}
