package io.github.jenkinsdind.core.internal.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.files.ImageFile;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LayerWalkerTest {
  private static final String GROUP = "/etc/group";
  private static final String PASSWD = "/etc/passwd";
  private static final String GSHADOW = "/etc/gshadow";

  /** A layer that counts how often it is opened and whether its stream was closed. */
  static final class TrackedLayer implements LayerWalker.LayerOpener {
    final byte[] blob;
    int opens;
    boolean closed;
    long read;

    TrackedLayer(byte[] blob) {
      this.blob = blob;
    }

    @Override
    public InputStream open() {
      opens++;
      return new FilterInputStream(new ByteArrayInputStream(blob)) {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = super.read(b, off, len);
          read += Math.max(n, 0);
          return n;
        }

        @Override
        public void close() throws IOException {
          closed = true;
          super.close();
        }
      };
    }

    LayerWalker.Layer layer(String name) {
      return new LayerWalker.Layer(name, this);
    }
  }

  private static LayerWalker.Layer never(String name) {
    return new LayerWalker.Layer(
        name,
        () -> {
          throw new AssertionError(name + " should not have been opened");
        });
  }

  private static String text(ImageFile f) {
    return new String(f.content(), StandardCharsets.UTF_8);
  }

  @Test
  void findsFilesWithTheirModeAndOwnerInAPlainLayer() throws Exception {
    TrackedLayer only =
        new TrackedLayer(
            new TestTar()
                .dir("etc")
                .file("etc/group", "root:x:0:\n".getBytes(StandardCharsets.UTF_8), 0644, 0, 0)
                .file("etc/shadow", "root:*::\n".getBytes(StandardCharsets.UTF_8), 0640, 0, 42)
                .file("etc/passwd", "root:x:0:0::/root:/bin/sh\n")
                .tar());

    LayerWalker.Result r =
        LayerWalker.walk(List.of(only.layer("layer 1")), Set.of(GROUP, "/etc/shadow", GSHADOW));

    assertThat(r.files()).containsOnlyKeys(GROUP, "/etc/shadow");
    assertThat(r.files().get("/etc/shadow"))
        .isEqualTo(
            new ImageFile(
                "/etc/shadow", "root:*::\n".getBytes(StandardCharsets.UTF_8), 0640, 0, 42));
    assertThat(r.absent()).containsExactly(GSHADOW);
    assertThat(r.foundInLayer()).containsEntry(GROUP, 0);
    assertThat(r.layersOpened()).isEqualTo(1);
    assertThat(r.bytesRead()).isEqualTo(only.read).isPositive();
    assertThat(only.closed).isTrue();
  }

  @Test
  void theTopmostLayerWinsAndLowerLayersAreReadOnlyForWhatIsMissing() throws Exception {
    TrackedLayer top = new TrackedLayer(new TestTar().file("etc/group", "top\n").gzip());
    TrackedLayer middle = new TrackedLayer(new TestTar().file("etc/group", "middle\n").tar());
    TrackedLayer bottom =
        new TrackedLayer(
            new TestTar().file("etc/group", "bottom\n").file("etc/passwd", "bottom\n").gzip());

    LayerWalker.Result r =
        LayerWalker.walk(
            List.of(top.layer("top"), middle.layer("middle"), bottom.layer("bottom")),
            Set.of(GROUP, PASSWD));

    assertThat(text(r.files().get(GROUP))).isEqualTo("top\n");
    assertThat(text(r.files().get(PASSWD))).isEqualTo("bottom\n");
    assertThat(r.foundInLayer()).containsEntry(GROUP, 0).containsEntry(PASSWD, 2);
    assertThat(r.absent()).isEmpty();
    assertThat(r.layersOpened()).isEqualTo(3);
    assertThat(r.bytesRead()).isEqualTo(top.read + middle.read + bottom.read);
  }

  @Test
  void acceptsEntryNamesWithDotSlashOrSlashPrefixes() throws Exception {
    TrackedLayer top =
        new TrackedLayer(new TestTar().dir("./").dir("./etc").file("./etc/group", "dot\n").gzip());
    TrackedLayer bottom = new TrackedLayer(new TestTar().file("/etc/passwd", "slash\n").tar());

    LayerWalker.Result r =
        LayerWalker.walk(List.of(top.layer("top"), bottom.layer("bottom")), Set.of(GROUP, PASSWD));

    assertThat(text(r.files().get(GROUP))).isEqualTo("dot\n");
    assertThat(text(r.files().get(PASSWD))).isEqualTo("slash\n");
    assertThat(r.files().get(GROUP).path()).isEqualTo(GROUP);
  }

  @Test
  void aWhiteoutHidesTheFileOfLowerLayers() throws Exception {
    TrackedLayer top = new TrackedLayer(new TestTar().file("./etc/.wh.group", "").tar());
    TrackedLayer bottom =
        new TrackedLayer(
            new TestTar().file("etc/group", "old\n").file("etc/passwd", "bottom\n").tar());

    LayerWalker.Result r =
        LayerWalker.walk(List.of(top.layer("top"), bottom.layer("bottom")), Set.of(GROUP, PASSWD));

    assertThat(r.files()).containsOnlyKeys(PASSWD);
    assertThat(r.absent()).containsExactly(GROUP);
  }

  @Test
  void aWhiteoutOfTheDirectoryHidesEverythingBelowIt() throws Exception {
    TrackedLayer top = new TrackedLayer(new TestTar().file(".wh.etc", "").gzip());

    LayerWalker.Result r =
        LayerWalker.walk(List.of(top.layer("top"), never("bottom")), Set.of(GROUP, PASSWD));

    assertThat(r.files()).isEmpty();
    assertThat(r.absent()).containsExactlyInAnyOrder(GROUP, PASSWD);
    assertThat(r.layersOpened()).isEqualTo(1);
  }

  @Test
  void anOpaqueDirectoryHidesLowerContentButNotItsOwn() throws Exception {
    TrackedLayer top =
        new TrackedLayer(
            new TestTar()
                .dir("etc")
                .file("etc/.wh..wh..opq", "")
                .file("etc/passwd", "new\n")
                .tar());

    LayerWalker.Result r =
        LayerWalker.walk(
            List.of(top.layer("top"), never("bottom")), Set.of(GROUP, PASSWD, GSHADOW));

    assertThat(text(r.files().get(PASSWD))).isEqualTo("new\n");
    assertThat(r.absent()).containsExactlyInAnyOrder(GROUP, GSHADOW);
    assertThat(r.layersOpened()).isEqualTo(1);
  }

  @Test
  void aFileNextToItsOwnWhiteoutInTheSameLayerIsThere() throws Exception {
    TrackedLayer top =
        new TrackedLayer(
            new TestTar().file("etc/group", "same layer\n").file("etc/.wh.group", "").tar());

    LayerWalker.Result r =
        LayerWalker.walk(List.of(top.layer("top"), never("bottom")), Set.of(GROUP));

    assertThat(text(r.files().get(GROUP))).isEqualTo("same layer\n");
  }

  @Test
  void aFileInPlaceOfAParentDirectoryHidesLowerContent() throws Exception {
    TrackedLayer top = new TrackedLayer(new TestTar().file("etc", "not a directory").tar());

    LayerWalker.Result r =
        LayerWalker.walk(List.of(top.layer("top"), never("bottom")), Set.of(GROUP));

    assertThat(r.absent()).containsExactly(GROUP);
  }

  @Test
  void stopsReadingAsSoonAsEverythingIsFoundAndNeverOpensLowerLayers() throws Exception {
    int filler = 4 * 1024 * 1024;
    TrackedLayer top =
        new TrackedLayer(
            new TestTar()
                .file("etc/group", "root:x:0:\n")
                .file("etc/passwd", "root:x:0:0::/root:/bin/sh\n")
                .randomFile("opt/big.bin", filler)
                .gzip());

    LayerWalker.Result r =
        LayerWalker.walk(List.of(top.layer("top"), never("bottom")), Set.of(GROUP, PASSWD));

    assertThat(r.files()).containsOnlyKeys(GROUP, PASSWD);
    assertThat(top.closed).isTrue();
    assertThat(top.opens).isEqualTo(1);
    assertThat(top.read).isLessThan(top.blob.length / 8);
    assertThat(r.bytesRead()).isLessThan(top.blob.length / 8);
  }

  @Test
  void stopsAfterALayerWhereEverythingIsFoundOrWhitedOut() throws Exception {
    TrackedLayer top =
        new TrackedLayer(new TestTar().file("etc/.wh.gshadow", "").file("etc/group", "g\n").tar());
    TrackedLayer middle = new TrackedLayer(new TestTar().file("etc/passwd", "p\n").tar());

    LayerWalker.Result r =
        LayerWalker.walk(
            List.of(top.layer("top"), middle.layer("middle"), never("bottom")),
            Set.of(GROUP, PASSWD, GSHADOW));

    assertThat(r.files()).containsOnlyKeys(GROUP, PASSWD);
    assertThat(r.absent()).containsExactly(GSHADOW);
    assertThat(r.layersOpened()).isEqualTo(2);
  }

  @Test
  void aFileInNoLayerIsAbsent() throws Exception {
    TrackedLayer top = new TrackedLayer(new TestTar().file("etc/group", "g\n").tar());
    TrackedLayer bottom = new TrackedLayer(new TestTar().file("etc/hostname", "h\n").gzip());

    LayerWalker.Result r =
        LayerWalker.walk(List.of(top.layer("top"), bottom.layer("bottom")), Set.of(GROUP, GSHADOW));

    assertThat(r.absent()).containsExactly(GSHADOW);
    assertThat(bottom.opens).isEqualTo(1);
    assertThat(bottom.closed).isTrue();
  }

  @Test
  void resolvesAHardLinkWhoseTargetComesLaterInOnePass() throws Exception {
    TrackedLayer top =
        new TrackedLayer(
            new TestTar()
                .hardLink("etc/group", "etc/group-")
                .file(
                    "etc/group-",
                    "docker:x:999:jenkins\n".getBytes(StandardCharsets.UTF_8),
                    0600,
                    0,
                    7)
                .tar());

    LayerWalker.Result r = LayerWalker.walk(List.of(top.layer("top")), Set.of(GROUP));

    assertThat(r.files().get(GROUP))
        .isEqualTo(
            new ImageFile(
                GROUP, "docker:x:999:jenkins\n".getBytes(StandardCharsets.UTF_8), 0600, 0, 7));
    assertThat(top.opens).isEqualTo(1);
  }

  @Test
  void resolvesAHardLinkWhoseTargetCameEarlierByReadingTheLayerAgain() throws Exception {
    TrackedLayer top =
        new TrackedLayer(
            new TestTar()
                .file("usr/share/base-files/group", "from the target\n")
                .file("etc/passwd", "p\n")
                .hardLink("etc/group", "usr/share/base-files/group")
                .gzip());

    LayerWalker.Result r =
        LayerWalker.walk(List.of(top.layer("top"), never("bottom")), Set.of(GROUP, PASSWD));

    assertThat(text(r.files().get(GROUP))).isEqualTo("from the target\n");
    assertThat(r.files().get(GROUP).path()).isEqualTo(GROUP);
    assertThat(text(r.files().get(PASSWD))).isEqualTo("p\n");
    assertThat(top.opens).isEqualTo(2);
    assertThat(r.layersOpened()).isEqualTo(1);
  }

  @Test
  void aHardLinkToNothingInTheLayerIsAnError() {
    TrackedLayer top = new TrackedLayer(new TestTar().hardLink("etc/group", "etc/nowhere").tar());

    assertThatThrownBy(() -> LayerWalker.walk(List.of(top.layer("layer 2 of 2")), Set.of(GROUP)))
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.setting()).contains(Setting.FROM))
        .hasMessageContaining("/etc/group in layer 2 of 2")
        .hasMessageContaining("hard link to /etc/nowhere");
  }

  @Test
  void aSymbolicLinkIsReportedAsNotSupported() {
    TrackedLayer top =
        new TrackedLayer(new TestTar().symlink("etc/group", "../usr/lib/group").tar());

    assertThatThrownBy(() -> LayerWalker.walk(List.of(top.layer("layer 1 of 1")), Set.of(GROUP)))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).contains(Setting.FROM);
              assertThat(e.suggestion())
                  .hasValueSatisfying(s -> assertThat(s).contains("regular file"));
            })
        .hasMessageContaining("/etc/group in layer 1 of 1 of the base image is not supported")
        .hasMessageContaining("symbolic link to ../usr/lib/group");
  }

  @Test
  void aSymbolicLinkInPlaceOfTheDirectoryIsReportedAsNotSupported() {
    TrackedLayer top = new TrackedLayer(new TestTar().symlink("etc", "usr/etc").tar());

    assertThatThrownBy(() -> LayerWalker.walk(List.of(top.layer("top")), Set.of(GROUP)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("/etc is a symbolic link to usr/etc");
  }

  @Test
  void zstdLayersAreRefusedClearly() {
    byte[] zstd = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0, 0, 0};
    TrackedLayer top = new TrackedLayer(zstd);

    assertThatThrownBy(() -> LayerWalker.walk(List.of(top.layer("layer 3 of 3")), Set.of(GROUP)))
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.setting()).contains(Setting.FROM))
        .hasMessageContaining(
            "layer 3 of 3 of the base image uses an unsupported layer compression (zstd)");
    assertThat(top.closed).isTrue();
  }

  @Test
  void aTruncatedLayerIsAnEnvironmentError() {
    byte[] gz =
        new TestTar()
            .file("etc/passwd", "p\n")
            .randomFile("x", 100_000)
            .file("etc/group", "g\n")
            .gzip();
    TrackedLayer top = new TrackedLayer(Arrays.copyOf(gz, gz.length / 2));

    assertThatThrownBy(() -> LayerWalker.walk(List.of(top.layer("layer 1 of 1")), Set.of(GROUP)))
        .isInstanceOf(EnvironmentException.class)
        .hasMessageContaining("could not read layer 1 of 1 of the base image");
    assertThat(top.closed).isTrue();
  }

  @Test
  void anOpenerFailureIsPassedOn() {
    LayerWalker.Layer failing =
        new LayerWalker.Layer(
            "top",
            () -> {
              throw new EnvironmentException(
                  "registry gone", Setting.FROM, "x", (String) null, null);
            });

    assertThatThrownBy(() -> LayerWalker.walk(List.of(failing), Set.of(GROUP)))
        .isInstanceOf(JenkinsDindException.class)
        .hasMessage("registry gone");
  }

  @Test
  void anEntryClimbingAboveTheRootNeverMatchesAWantedFile() throws Exception {
    TrackedLayer layer =
        new TrackedLayer(
            new TestTar()
                .file("../etc/group", "escaped:x:1:\n")
                .file("etc/x/../group", "docker:x:999:\n")
                .tar());

    LayerWalker.Result result = LayerWalker.walk(List.of(layer.layer("layer 1")), Set.of(GROUP));

    assertThat(new String(result.files().get(GROUP).content(), StandardCharsets.UTF_8))
        .isEqualTo("docker:x:999:\n");
  }
}
