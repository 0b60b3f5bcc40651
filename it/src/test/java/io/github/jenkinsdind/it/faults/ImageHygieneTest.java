package io.github.jenkinsdind.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.DockerCli;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsDind;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Variant;
import io.github.jenkinsdind.it.support.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the built image lets its user do, checked in containers of dockerd. The base is shaped like
 * a RHEL/UBI image: {@code /etc/shadow} and {@code /etc/gshadow} of mode 000, no jenkins user yet
 * (so all four account files are edited), and a numeric {@code USER 1000}. The image must:
 *
 * <ul>
 *   <li>keep each edited account file's mode and owner as in the base (no 0640 or 0644 made up);
 *   <li>have the docker CLI, and the directories above it, root-owned and not writable by the
 *       image's user: it can neither write, delete nor replace the binary;
 *   <li>run as the base's user, exactly as the base says it, never as root.
 * </ul>
 */
class ImageHygieneTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);
  private static final String BASE_USER = "1000";
  private static final List<String> ACCOUNT_FILES =
      List.of("/etc/passwd", "/etc/group", "/etc/shadow", "/etc/gshadow");

  @TempDir Path temp;

  @Test
  void accountFilesKeepTheBaseModesTheCliIsRootsAndTheImageRunsAsTheBaseUser() throws Exception {
    TestServices.get().requireRunning();
    String base = rhelShapedBase();
    String image = "jenkins-dind-it/faults-hygiene:" + RUN_ID;
    JenkinsDind.build(
        BuildRequest.from(base)
            .to(ImageTarget.dockerDaemon(image, Set.of()))
            .cliPlugins(List.of())
            .dockerCli(DockerCli.localFile(DockerCliServer.tarball(), DockerCliServer.VERSION))
            .allowInsecureRegistries(true)
            .cacheDirectory(temp.resolve("cache"))
            .build(),
        event -> {});
    Commands.runOrFail(TIMEOUT, "docker", "pull", "-q", base);
    try {
      // the account files: edited, with the base's modes and owners
      for (String file : ACCOUNT_FILES) {
        assertThat(stat(image, file)).as(file).isEqualTo(stat(base, file));
      }
      assertThat(stat(image, "/etc/shadow")).isEqualTo("0 0:0");
      assertThat(stat(image, "/etc/gshadow")).isEqualTo("0 0:0");
      assertThat(stat(image, "/etc")).isEqualTo(stat(base, "/etc"));
      assertThat(busybox("0", image, "grep", "^jenkins:", "/etc/passwd"))
          .startsWith("jenkins:x:1000:1000:");
      assertThat(busybox("0", image, "grep", "^docker:", "/etc/group"))
          .isEqualTo("docker:x:999:jenkins");
      assertThat(busybox("0", image, "grep", "-c", "^jenkins:", "/etc/shadow")).isEqualTo("1");
      assertThat(busybox("0", image, "grep", "^docker:", "/etc/gshadow"))
          .isEqualTo("docker:!::jenkins");

      // the docker CLI: root's, read-only for the image's user
      for (String path : List.of("/usr/local/bin/docker", "/usr/local/bin", "/usr/local", "/usr")) {
        assertThat(stat(image, path)).as(path).isEqualTo("755 0:0");
      }
      List<String> attempts =
          shell(
                  image,
                  String.join(
                      "; ",
                      "bb=/bin/busybox",
                      "$bb id -u",
                      "test -w /usr/local/bin/docker && echo writable || echo not-writable",
                      "(echo x >> /usr/local/bin/docker) 2>/dev/null && echo appended || echo not-appended",
                      "$bb rm -f /usr/local/bin/docker 2>/dev/null && echo removed || echo not-removed",
                      "$bb cp /bin/busybox /usr/local/bin/docker-new 2>/dev/null && echo added || echo not-added",
                      "docker --version"))
              .lines()
              .toList();
      assertThat(attempts).hasSize(6);
      assertThat(attempts.subList(0, 5))
          .containsExactly("1000", "not-writable", "not-appended", "not-removed", "not-added");
      assertThat(attempts.get(5)).startsWith("Docker version " + DockerCliServer.VERSION);

      // the user: the base's, as the base writes it, and not root
      assertThat(inspect(image, "{{.Config.User}}"))
          .isEqualTo(inspect(base, "{{.Config.User}}"))
          .isEqualTo(BASE_USER);
      assertThat(inspect(image, "{{json .Config.Entrypoint}}"))
          .isEqualTo(inspect(base, "{{json .Config.Entrypoint}}"));
      assertThat(busybox(null, image, "id", "-u")).isEqualTo("1000").isNotEqualTo("0");
    } finally {
      Commands.run(TIMEOUT, "docker", "image", "rm", "--force", image, base);
    }
  }

  /**
   * Pushes the plain fixture with a layer on top that gives it RHEL's account-file modes, no
   * jenkins user, and {@code USER 1000}.
   */
  private String rhelShapedBase() throws Exception {
    String reference =
        TestServices.get().plainRegistry() + "/fixtures-faults/jenkins:rhel-modes-" + RUN_ID;
    Path dir = Files.createDirectories(temp.resolve("rhel"));
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("rhel-accounts");
    add(layer, dir, "/etc/passwd", JenkinsBaseImages.etcPasswd(Variant.NO_JENKINS_USER), "644");
    add(
        layer,
        dir,
        "/etc/group",
        JenkinsBaseImages.etcGroup(Variant.NO_JENKINS_USER).orElseThrow(),
        "644");
    add(layer, dir, "/etc/shadow", JenkinsBaseImages.etcShadow(Variant.NO_JENKINS_USER), "000");
    add(layer, dir, "/etc/gshadow", JenkinsBaseImages.etcGshadow(Variant.NO_JENKINS_USER), "000");
    Jib.from(RegistryImage.named(JenkinsBaseImages.inRegistry(Variant.PLAIN).reference()))
        .addFileEntriesLayer(layer.build())
        .setUser(BASE_USER)
        .containerize(
            Containerizer.to(RegistryImage.named(ImageReference.parse(reference)))
                .setAllowInsecureRegistries(true)
                .setBaseImageLayersCache(temp.resolve("jib/base"))
                .setApplicationLayersCache(temp.resolve("jib/application")));
    return reference;
  }

  private static void add(
      FileEntriesLayer.Builder layer, Path dir, String path, String content, String mode)
      throws Exception {
    Path file = Files.writeString(dir.resolve(path.substring(path.lastIndexOf('/') + 1)), content);
    layer.addEntry(
        file,
        AbsoluteUnixPath.get(path),
        FilePermissions.fromOctalString(mode),
        Instant.ofEpochSecond(1),
        "0:0");
  }

  private static String stat(String image, String path) {
    return busybox("0", image, "stat", "-c", "%a %u:%g", path);
  }

  private static String shell(String image, String script) {
    return busybox(null, image, "sh", "-c", script);
  }

  private static String inspect(String image, String format) {
    return Commands.stdout(TIMEOUT, "docker", "image", "inspect", "--format", format, image);
  }

  /** Runs busybox in the image as a user (null: the image's own). */
  private static String busybox(String user, String image, String... arguments) {
    List<String> command = new ArrayList<>(List.of("docker", "run", "--rm"));
    if (user != null) {
      command.addAll(List.of("--user", user));
    }
    command.addAll(List.of("--entrypoint", "/bin/busybox", image));
    command.addAll(List.of(arguments));
    return Commands.stdout(TIMEOUT, command.toArray(String[]::new));
  }
}
