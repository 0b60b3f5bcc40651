package io.github.jenkinsdind.core.internal.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TlsProbeTest {
  private final TlsProbe probe = new TlsProbe(Duration.ofSeconds(2), Duration.ofSeconds(2));

  @Test
  void aPlainHttpServerIsNotTls() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread answer =
          new Thread(
              () -> {
                try (Socket client = server.accept()) {
                  client.getInputStream().read(new byte[512]);
                  OutputStream out = client.getOutputStream();
                  out.write(
                      "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                          .getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                } catch (IOException ignored) {
                  // the probe may have closed first
                }
              });
      answer.start();

      assertThat(probe.speaksTls("127.0.0.1:" + server.getLocalPort())).isFalse();
      answer.join(5000);
    }
  }

  @Test
  void aClosedPortIsNotTls() throws Exception {
    int port;
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = server.getLocalPort();
    }

    assertThat(probe.speaksTls("127.0.0.1:" + port)).isFalse();
  }

  @Test
  void aRegistryNameWithoutHostIsNotTls() {
    assertThat(probe.speaksTls("not a host")).isFalse();
  }
}
