package io.github.jenkinsdind.core.internal.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.testing.LoopbackHttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads over HTTP on loopback, several at once through downloaders that share one client. */
class DownloaderTest {
  @TempDir Path cache;

  @Test
  void downloadersThatShareAClientEachReportTheirOwnProgress() throws Exception {
    try (LoopbackHttpServer server = new LoopbackHttpServer()) {
      server.bytes("/a.hpi", "first file".getBytes(StandardCharsets.UTF_8));
      server.bytes("/b.hpi", "second, longer file".getBytes(StandardCharsets.UTF_8));
      List<Event> shared = new CopyOnWriteArrayList<>();
      List<Event> first = new CopyOnWriteArrayList<>();
      List<Event> second = new CopyOnWriteArrayList<>();
      Downloader downloader = new Downloader(cache, shared::add);

      String a =
          downloader
              .reportingTo(first::add)
              .download(URI.create(server.base() + "/a.hpi"), cache.resolve("a.hpi"), subject("a"));
      String b =
          downloader
              .reportingTo(second::add)
              .download(URI.create(server.base() + "/b.hpi"), cache.resolve("b.hpi"), subject("b"));

      assertThat(a).isEqualTo(Sha256.ofText("first file"));
      assertThat(b).isEqualTo(Sha256.ofText("second, longer file"));
      assertThat(Files.readString(cache.resolve("b.hpi"))).isEqualTo("second, longer file");
      assertThat(shared).isEmpty();
      assertThat(first).contains(new Event.Progress("downloading plugin a", 10, 10, "bytes"));
      assertThat(second).contains(new Event.Progress("downloading plugin b", 19, 19, "bytes"));
    }
  }

  private static DownloadSubject subject(String id) {
    return new DownloadSubject(
        "plugin " + id, "1.0", Setting.PLUGINS, Setting.PLUGIN_DOWNLOAD_URL, Setting.PLUGINS);
  }
}
