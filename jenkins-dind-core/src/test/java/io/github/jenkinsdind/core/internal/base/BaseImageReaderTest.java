package io.github.jenkinsdind.core.internal.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseImageReaderTest {
  private static final Set<String> ACCOUNTS = Set.of("/etc/passwd", "/etc/group", "/etc/gshadow");

  @TempDir Path dir;
  private final List<Event> events = new ArrayList<>();
  private Path tarFile;
  private DockerSaveTar.Image image;

  /** A real tar source that counts the layers it opens. */
  private static final class CountingSource implements BaseSource {
    final BaseSource delegate;
    int layersOpened;
    boolean failLayers;

    CountingSource(BaseSource delegate) {
      this.delegate = delegate;
    }

    @Override
    public String describe() {
      return delegate.describe();
    }

    @Override
    public BaseManifest resolve(ImagePlatform platform) throws JenkinsDindException {
      return delegate.resolve(platform);
    }

    @Override
    public InputStream openLayer(BaseManifest.Layer layer) throws JenkinsDindException {
      layersOpened++;
      if (failLayers) {
        throw new EnvironmentException(
            "cannot reach 127.0.0.1:5000", Setting.FROM, "x", "perhaps you should start it", null);
      }
      return delegate.openLayer(layer);
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }
  }

  @BeforeEach
  void writeBase() throws Exception {
    byte[] os =
        new TestTar()
            .file("etc/passwd", "root:x:0:0::/root:/bin/sh\n")
            .file("etc/group", "root:x:0:\n")
            .randomFile("usr/lib/big", 200_000)
            .gzip();
    byte[] jdk = new TestTar().randomFile("opt/java/lib", 300_000).gzip();
    byte[] jenkins =
        new TestTar()
            .file("etc/group", "root:x:0:\njenkins:x:1000:\n")
            .file("etc/.wh.gshadow", "")
            .gzip();
    image =
        new DockerSaveTar.Image(
            List.of("jenkins:test"), "linux", "amd64", List.of(os, jdk, jenkins));
    tarFile = dir.resolve("base.tar");
    DockerSaveTar.write(tarFile, DockerSaveTar.Layout.BLOBS, image);
  }

  private CountingSource source() {
    return new CountingSource(new TarBaseSource(tarFile, null, events::add));
  }

  @Test
  void readsTheLayersOnceAndThenTheCache() throws Exception {
    Path cache = dir.resolve("cache");
    BaseFiles first;
    try (CountingSource source = source()) {
      first =
          new BaseImageReader(cache, false, events::add)
              .read(source, ImagePlatform.LINUX_AMD64, ACCOUNTS);
      assertThat(source.layersOpened).isEqualTo(3);
    }
    assertThat(first.baseDigest()).isEqualTo(image.id());
    assertThat(first.platform()).isEqualTo(ImagePlatform.LINUX_AMD64);
    assertThat(first.files()).containsOnlyKeys("/etc/passwd", "/etc/group");
    assertThat(new String(first.file("/etc/group").orElseThrow().content(), StandardCharsets.UTF_8))
        .isEqualTo("root:x:0:\njenkins:x:1000:\n");
    assertThat(first.file("/etc/gshadow")).isEmpty();
    assertThat(first.layersRead()).isEqualTo(3);
    assertThat(first.bytesRead()).isPositive();
    assertThat(events)
        .contains(
            Event.info(
                "read /etc/group from layer 3 of 3; /etc/passwd from layer 1 of 3 of tar file "
                    + tarFile
                    + " (3 of 3 layers opened, "
                    + BaseImageReader.bytes(first.bytesRead())
                    + " read); not in the base: /etc/gshadow"));

    events.clear();
    try (CountingSource source = source()) {
      BaseFiles again =
          new BaseImageReader(cache, true, events::add)
              .read(source, ImagePlatform.LINUX_AMD64, Set.of("/etc/group", "/etc/gshadow"));
      assertThat(source.layersOpened).isZero();
      assertThat(again.files()).containsOnlyKeys("/etc/group");
      assertThat(again.file("/etc/group")).isEqualTo(first.file("/etc/group"));
      assertThat(again.layersRead()).isZero();
      assertThat(again.bytesRead()).isZero();
    }
    assertThat(events)
        .containsExactly(
            Event.info(
                "base account files from cache for tar file "
                    + tarFile
                    + " ("
                    + image.id().substring(0, 19)
                    + "): /etc/group; not in the base: /etc/gshadow"));
  }

  @Test
  void aViewOfTheDirectoryIsUsedInsteadOfTheLayersAndCached() throws Exception {
    // the directory as a container of the base shows it (merged, no whiteouts), as the daemon
    // archives it
    byte[] etc =
        new TestTar()
            .dir("etc/")
            .file("etc/passwd", "root:x:0:0::/root:/bin/sh\n")
            .file(
                "etc/group",
                "root:x:0:\njenkins:x:1000:\n".getBytes(StandardCharsets.UTF_8),
                0640,
                0,
                42)
            .tar();
    List<String> asked = new ArrayList<>();
    BaseFilesView view =
        (manifest, directory) -> {
          asked.add(manifest.digest() + " " + directory);
          return java.util.Optional.of(
              new LayerWalker.Layer("/etc of a copy", () -> new java.io.ByteArrayInputStream(etc)));
        };
    Path cache = dir.resolve("cache");
    try (CountingSource source = source()) {
      BaseFiles files =
          new BaseImageReader(cache, false, events::add)
              .read(source, ImagePlatform.LINUX_AMD64, ACCOUNTS, view);
      assertThat(source.layersOpened).isZero();
      assertThat(asked).containsExactly(image.id() + " /etc");
      assertThat(files.baseDigest()).isEqualTo(image.id());
      assertThat(files.files()).containsOnlyKeys("/etc/passwd", "/etc/group");
      assertThat(files.file("/etc/group").orElseThrow().mode() & 07777).isEqualTo(0640);
      assertThat(files.file("/etc/group").orElseThrow().gid()).isEqualTo(42);
    }
    assertThat(events)
        .contains(
            Event.info(
                "read /etc/group, /etc/passwd; not in the base: /etc/gshadow of tar file "
                    + tarFile
                    + " from /etc of a copy"));

    // cached like files read from layers: the next build asks neither the view nor the layers
    asked.clear();
    try (CountingSource source = source()) {
      BaseFiles again =
          new BaseImageReader(cache, false, events::add)
              .read(source, ImagePlatform.LINUX_AMD64, ACCOUNTS, view);
      assertThat(source.layersOpened).isZero();
      assertThat(asked).isEmpty();
      assertThat(again.file("/etc/group")).isPresent();
    }
  }

  @Test
  void withoutAViewTheLayersAreRead() throws Exception {
    BaseFilesView none = (manifest, directory) -> java.util.Optional.empty();
    try (CountingSource source = source()) {
      BaseFiles files =
          new BaseImageReader(dir.resolve("cache"), false, events::add)
              .read(source, ImagePlatform.LINUX_AMD64, ACCOUNTS, none);
      assertThat(source.layersOpened).isEqualTo(3);
      assertThat(
              new String(files.file("/etc/group").orElseThrow().content(), StandardCharsets.UTF_8))
          .isEqualTo("root:x:0:\njenkins:x:1000:\n");
    }
  }

  @Test
  void aViewIsOnlyForFilesOfOneDirectory() {
    assertThat(BaseImageReader.commonDirectory(ACCOUNTS)).contains("/etc");
    assertThat(BaseImageReader.commonDirectory(Set.of("/etc/passwd", "/usr/lib/os-release")))
        .isEmpty();
    assertThat(BaseImageReader.commonDirectory(Set.of("/passwd"))).isEmpty();
  }

  @Test
  void stopsAtTheLayersItNeeds() throws Exception {
    try (CountingSource source = source()) {
      BaseFiles files =
          new BaseImageReader(dir.resolve("cache"), false, events::add)
              .read(source, ImagePlatform.LINUX_AMD64, Set.of("/etc/group", "/etc/gshadow"));
      assertThat(source.layersOpened).isEqualTo(1);
      assertThat(files.layersRead()).isEqualTo(1);
      assertThat(files.files()).containsOnlyKeys("/etc/group");
    }
    assertThat(events.get(0))
        .isInstanceOfSatisfying(
            Event.Log.class,
            log ->
                assertThat(log.message())
                    .startsWith("read /etc/group from layer 3 of 3 of tar file")
                    .contains("(1 of 3 layers opened"));
  }

  @Test
  void aCacheEntryForFewerPathsIsReadAgain() throws Exception {
    Path cache = dir.resolve("cache");
    try (CountingSource source = source()) {
      new BaseImageReader(cache, false, events::add)
          .read(source, ImagePlatform.LINUX_AMD64, Set.of("/etc/group"));
    }
    try (CountingSource source = source()) {
      BaseFiles files =
          new BaseImageReader(cache, false, events::add)
              .read(source, ImagePlatform.LINUX_AMD64, ACCOUNTS);
      assertThat(source.layersOpened).isEqualTo(3);
      assertThat(files.files()).containsOnlyKeys("/etc/passwd", "/etc/group");
    }
    try (CountingSource source = source()) {
      new BaseImageReader(cache, false, events::add)
          .read(source, ImagePlatform.LINUX_AMD64, ACCOUNTS);
      assertThat(source.layersOpened).isZero();
    }
  }

  @Test
  void offlineWithoutTheCacheSaysSo() throws Exception {
    try (CountingSource source = source()) {
      source.failLayers = true;
      BaseImageReader reader = new BaseImageReader(dir.resolve("cache"), true, events::add);
      assertThatThrownBy(() -> reader.read(source, ImagePlatform.LINUX_AMD64, ACCOUNTS))
          .isInstanceOfSatisfying(
              EnvironmentException.class,
              e -> {
                assertThat(e.setting()).contains(Setting.OFFLINE);
                assertThat(e.suggestion())
                    .hasValueSatisfying(s -> assertThat(s).contains("build once without offline"));
              })
          .hasMessageContaining("the build is offline")
          .hasMessageContaining("cannot reach 127.0.0.1:5000");
    }
    try (CountingSource source = source()) {
      source.failLayers = true;
      BaseImageReader reader = new BaseImageReader(dir.resolve("cache"), false, events::add);
      assertThatThrownBy(() -> reader.read(source, ImagePlatform.LINUX_AMD64, ACCOUNTS))
          .isInstanceOfSatisfying(
              EnvironmentException.class, e -> assertThat(e.setting()).contains(Setting.FROM))
          .hasMessage("cannot reach 127.0.0.1:5000");
    }
  }
}
