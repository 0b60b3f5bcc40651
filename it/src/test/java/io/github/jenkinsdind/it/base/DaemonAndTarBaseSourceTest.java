package io.github.jenkinsdind.it.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.base.BaseFiles;
import io.github.jenkinsdind.core.internal.base.BaseImageReader;
import io.github.jenkinsdind.core.internal.base.DaemonBaseSource;
import io.github.jenkinsdind.core.internal.base.TarBaseSource;
import io.github.jenkinsdind.core.internal.files.ImageFile;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Built;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Variant;
import io.github.jenkinsdind.it.support.TestServices;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads account files out of real images: of the real dockerd ({@code docker://}) and of real
 * docker save tars.
 */
class DaemonAndTarBaseSourceTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final Set<String> ACCOUNTS =
      Set.of("/etc/passwd", "/etc/group", "/etc/shadow", "/etc/gshadow");

  @TempDir Path dir;
  private final List<Event> events = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void servicesAreUp() {
    TestServices.get().requireRunning();
  }

  private static String text(ImageFile file) {
    return new String(file.content(), StandardCharsets.UTF_8);
  }

  private List<String> messages() {
    return events.stream()
        .filter(Event.Log.class::isInstance)
        .map(e -> ((Event.Log) e).message())
        .toList();
  }

  @Test
  void readsADaemonImageOnceThenFromTheCacheAndLeavesNoTemporaryFile() throws Exception {
    Built base = JenkinsBaseImages.inDaemon(Variant.PLAIN);
    Path temp = dir.resolve("tmp");
    Path cache = dir.resolve("cache");

    BaseFiles files;
    try (DaemonBaseSource source = new DaemonBaseSource(base.reference(), temp, events::add)) {
      files =
          new BaseImageReader(cache, false, events::add)
              .read(source, ImagePlatform.LINUX_AMD64, ACCOUNTS);
      try (Stream<Path> saved = Files.list(temp)) {
        assertThat(saved).hasSize(1); // the docker save tar, while the source is open
      }
    }
    try (Stream<Path> left = Files.list(temp)) {
      assertThat(left).isEmpty();
    }
    assertThat(files.baseDigest()).isEqualTo(base.imageId());
    assertThat(text(files.file("/etc/passwd").orElseThrow()))
        .isEqualTo(JenkinsBaseImages.etcPasswd(Variant.PLAIN));
    assertThat(text(files.file("/etc/group").orElseThrow()))
        .isEqualTo(JenkinsBaseImages.etcGroup(Variant.PLAIN).orElseThrow());
    ImageFile gshadow = files.file("/etc/gshadow").orElseThrow();
    assertThat(text(gshadow)).isEqualTo(JenkinsBaseImages.etcGshadow(Variant.PLAIN));
    assertThat(gshadow.mode()).isEqualTo(0640);
    assertThat(gshadow.gid()).isEqualTo(42);
    assertThat(files.layersRead()).isEqualTo(3); // the account files are in the bottom layer
    assertThat(messages())
        .anyMatch(m -> m.startsWith("saving Docker daemon image " + base.reference()));
    assertThat(messages())
        .anyMatch(
            m ->
                m.startsWith(
                    "read /etc/group, /etc/gshadow, /etc/passwd, /etc/shadow"
                        + " from layer 1 of 3 of Docker daemon image "
                        + base.reference()
                        + " (3 of 3 layers opened"));

    events.clear();
    try (DaemonBaseSource source = new DaemonBaseSource(base.reference(), temp, events::add)) {
      BaseFiles again =
          new BaseImageReader(cache, true, events::add)
              .read(source, ImagePlatform.LINUX_AMD64, ACCOUNTS);
      assertThat(again.files()).isEqualTo(files.files());
      assertThat(again.layersRead()).isZero();
    }
    assertThat(messages()).noneMatch(m -> m.startsWith("saving"));
    assertThat(messages())
        .singleElement()
        .asString()
        .startsWith("base account files from cache for Docker daemon image");
  }

  @Test
  void aBaseWithoutEtcGroupSaysSo() throws Exception {
    Built base = JenkinsBaseImages.inDaemon(Variant.NO_ETC_GROUP);
    try (DaemonBaseSource source = new DaemonBaseSource(base.reference(), dir, events::add)) {
      BaseFiles files =
          new BaseImageReader(dir.resolve("cache"), false, events::add)
              .read(source, ImagePlatform.LINUX_AMD64, ACCOUNTS);
      assertThat(files.file("/etc/group")).isEmpty();
      assertThat(files.files()).containsOnlyKeys("/etc/passwd", "/etc/shadow", "/etc/gshadow");
    }
    assertThat(messages()).anyMatch(m -> m.endsWith("; not in the base: /etc/group"));
  }

  @Test
  void readsAnImportedSingleLayerImage() throws Exception {
    Path rootfs = dir.resolve("rootfs.tar");
    try (OutputStream out = Files.newOutputStream(rootfs);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      byte[] group = "root:x:0:\ndocker:x:106:jenkins\n".getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry etc = new TarArchiveEntry("./etc/");
      etc.setMode(040755);
      tar.putArchiveEntry(etc);
      tar.closeArchiveEntry();
      TarArchiveEntry entry = new TarArchiveEntry("./etc/group");
      entry.setSize(group.length);
      entry.setMode(0100644);
      tar.putArchiveEntry(entry);
      tar.write(group);
      tar.closeArchiveEntry();
    }
    String reference = "jenkins-dind-it/imported:" + UUID.randomUUID().toString().substring(0, 8);
    Commands.runOrFail(TIMEOUT, "docker", "import", rootfs.toString(), reference);
    try (DaemonBaseSource source =
        new DaemonBaseSource(reference, dir.resolve("tmp"), events::add)) {
      BaseFiles files =
          new BaseImageReader(dir.resolve("cache"), false, events::add)
              .read(source, ImagePlatform.LINUX_AMD64, Set.of("/etc/group", "/etc/passwd"));
      assertThat(text(files.file("/etc/group").orElseThrow()))
          .isEqualTo("root:x:0:\ndocker:x:106:jenkins\n");
      assertThat(files.file("/etc/passwd")).isEmpty();
      assertThat(files.layersRead()).isEqualTo(1);
    } finally {
      Commands.run(TIMEOUT, "docker", "rmi", reference);
    }
  }

  @Test
  void aMissingImageOrAnotherPlatformIsAConfigurationError() throws Exception {
    try (DaemonBaseSource source =
        new DaemonBaseSource("jenkins-dind-it/never-built:1", dir, events::add)) {
      assertThatThrownBy(() -> source.resolve(ImagePlatform.LINUX_AMD64))
          .isInstanceOfSatisfying(
              ConfigurationException.class,
              e -> {
                assertThat(e.setting()).contains(Setting.FROM);
                assertThat(e.value()).contains("docker://jenkins-dind-it/never-built:1");
                assertThat(e.suggestion())
                    .contains("perhaps you should docker pull it or build it first");
              })
          .hasMessage("the Docker daemon has no image jenkins-dind-it/never-built:1");
    }
    Built base = JenkinsBaseImages.inDaemon(Variant.PLAIN);
    try (DaemonBaseSource source = new DaemonBaseSource(base.reference(), dir, events::add)) {
      assertThatThrownBy(() -> source.resolve(new ImagePlatform("linux", "arm64")))
          .isInstanceOfSatisfying(
              ConfigurationException.class,
              e ->
                  assertThat(e.suggestion().orElseThrow())
                      .startsWith("perhaps you should set platform to linux/amd64"))
          .hasMessage(
              "the base image docker://" + base.reference() + " is linux/amd64, not linux/arm64");
    }
  }

  @Test
  void readsRealDockerSaveAndJibTars() throws Exception {
    Built base = JenkinsBaseImages.inDaemon(Variant.SYSTEMD_JOURNAL_GROUP);
    Path saved = dir.resolve("saved.tar");
    Commands.runOrFail(TIMEOUT, "docker", "save", "-o", saved.toString(), base.reference());
    Path jibTar = JenkinsBaseImages.dockerSaveTar(Variant.SYSTEMD_JOURNAL_GROUP);

    for (Path tar : List.of(saved, jibTar)) {
      try (TarBaseSource source = new TarBaseSource(tar, null, events::add)) {
        BaseFiles files =
            new BaseImageReader(dir.resolve("cache-" + tar.getFileName()), false, events::add)
                .read(source, ImagePlatform.LINUX_AMD64, ACCOUNTS);
        assertThat(files.baseDigest()).as(tar.toString()).isEqualTo(base.imageId());
        assertThat(text(files.file("/etc/group").orElseThrow()))
            .isEqualTo(JenkinsBaseImages.etcGroup(Variant.SYSTEMD_JOURNAL_GROUP).orElseThrow());
      }
    }
  }
}
