package io.github.jenkinsdind.it.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import io.github.jenkinsdind.core.internal.daemon.ImageDirectory;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Variant;
import io.github.jenkinsdind.it.support.TestServices;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

/**
 * Reading a directory of an image out of a never-started container, against the real dockerd: the
 * files are those a container of the image sees, with their modes and owners, and nothing is left
 * behind (no container, no volume).
 */
class ImageDirectoryTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  @Test
  void etcOfAnImageIsWhatAContainerSeesAndNothingIsLeftBehind() throws Exception {
    TestServices.get().requireRunning();
    String image = JenkinsBaseImages.inDaemon(Variant.PLAIN).reference();
    String passwd =
        Commands.stdout(
            TIMEOUT,
            "docker",
            "run",
            "--rm",
            "--entrypoint",
            "/bin/busybox",
            image,
            "cat",
            "/etc/passwd");
    String containersBefore = containers();
    String volumesBefore = volumes();

    Map<String, TarArchiveEntry> entries = new HashMap<>();
    Map<String, String> contents = new HashMap<>();
    try (Engine engine = Engine.connect(null);
        InputStream archive = ImageDirectory.archive(engine, image, "/etc");
        TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
      assertThat(containers())
          .as("the container exists while the archive is read")
          .isNotEqualTo(containersBefore);
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        entries.put(entry.getName(), entry);
        if (entry.isFile()) {
          contents.put(entry.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }

    assertThat(entries).containsKeys("etc/", "etc/passwd", "etc/group");
    assertThat(contents.get("etc/passwd").strip())
        .isEqualTo(passwd.strip()); // the command output is trimmed
    assertThat(contents.get("etc/passwd")).contains("jenkins:x:1000:1000:");
    TarArchiveEntry passwdEntry = entries.get("etc/passwd");
    assertThat(passwdEntry.getMode() & 07777).isEqualTo(0644);
    assertThat(passwdEntry.getLongUserId()).isZero();
    assertThat(passwdEntry.getLongGroupId()).isZero();
    // the image declares a volume: the container's anonymous volume went with it
    assertThat(containers()).isEqualTo(containersBefore);
    assertThat(volumes()).isEqualTo(volumesBefore);
  }

  @Test
  void anImageTheDaemonDoesNotHaveIsAnEnvironmentErrorAndLeavesNoContainer() throws Exception {
    TestServices.get().requireRunning();
    String containersBefore = containers();
    try (Engine engine = Engine.connect(null)) {
      assertThatThrownBy(
              () -> ImageDirectory.archive(engine, "jenkins-dind-it/never-built:none", "/etc"))
          .isInstanceOf(EnvironmentException.class)
          .hasMessageContaining(
              "create a container of jenkins-dind-it/never-built:none to read /etc");
      assertThatThrownBy(
              () ->
                  ImageDirectory.archive(
                      engine,
                      JenkinsBaseImages.inDaemon(Variant.PLAIN).reference(),
                      "/no/such/directory"))
          .isInstanceOf(EnvironmentException.class)
          .hasMessageContaining("read /no/such/directory of");
    }
    assertThat(containers()).isEqualTo(containersBefore);
  }

  private static String containers() {
    return Commands.stdout(
        TIMEOUT, "docker", "ps", "-aq", "--filter", "label=io.github.jenkinsdind.role=probe");
  }

  private static String volumes() {
    return Commands.stdout(TIMEOUT, "docker", "volume", "ls", "-q");
  }
}
