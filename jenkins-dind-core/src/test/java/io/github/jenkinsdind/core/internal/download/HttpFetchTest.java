package io.github.jenkinsdind.core.internal.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.testing.LoopbackHttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpFetchTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static HttpFetch.Answer get(String url) throws IOException {
    return HttpFetch.get(URI.create(url), TIMEOUT, TIMEOUT, "test");
  }

  @Test
  void redirectsAreFollowedToTheFile() throws Exception {
    try (LoopbackHttpServer server = new LoopbackHttpServer()) {
      server.text("/file.txt", "hello");
      server.redirect("/a", server.base() + "/b");
      server.redirect("/b", "/file.txt");

      try (HttpFetch.Answer answer = get(server.base() + "/a")) {
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentLength()).isEqualTo(5);
        assertThat(new String(answer.body().readAllBytes(), StandardCharsets.UTF_8))
            .isEqualTo("hello");
      }
      assertThat(server.requests("/file.txt")).isEqualTo(1);
    }
  }

  @Test
  void aRedirectLoopEndsWithAClearError() throws Exception {
    try (LoopbackHttpServer server = new LoopbackHttpServer()) {
      server.redirect("/loop", "/loop");

      assertThatThrownBy(() -> get(server.base() + "/loop"))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("more than " + HttpFetch.MAX_REDIRECTS + " redirects");
    }
  }

  @Test
  void anErrorStatusIsAnAnswerNotAnException() throws Exception {
    try (LoopbackHttpServer server = new LoopbackHttpServer()) {
      server.status("/gone", 404);

      try (HttpFetch.Answer answer = get(server.base() + "/gone")) {
        assertThat(answer.status()).isEqualTo(404);
      }
    }
  }

  @Test
  void aRefusedConnectionIsNamedByDownloaderDescribe() {
    assertThatThrownBy(() -> get("http://127.0.0.1:1/x"))
        .isInstanceOfSatisfying(
            IOException.class,
            e -> assertThat(Downloader.describe(e)).startsWith("connection failed"));
  }
}
