package io.github.jenkinsdind.it.multiarch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.DockerCli;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsDind;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.TestServices;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The arm64 image of a multi-platform build, run for real under emulation: dockerd pulls the arm64
 * platform from the index and runs it through Debian's qemu-user-static, which {@code
 * .ci/emulation.sh} registers with binfmt_misc. The image's own aarch64 binaries run: its shell,
 * and the binary at {@code /usr/local/bin/docker} (Debian's aarch64 busybox stands for the CLI
 * there).
 */
class EmulatedPlatformTest {
  private static DockerCliServer server;

  @TempDir Path temp;

  @BeforeAll
  static void start() throws IOException {
    TestServices.get().requireRunning();
    Path file = TestServices.servicesDirectory().resolve("emulation.properties");
    Properties emulation = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      emulation.load(in);
    }
    assertThat(emulation.getProperty("arm64"))
        .as("arm64 emulation (%s; run .ci/emulation.sh)", emulation.getProperty("reason"))
        .isEqualTo("ready");
    server = DockerCliServer.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theArm64ImageRunsUnderEmulationWithItsOwnCliAndAccounts() throws Exception {
    String image =
        TestServices.get().plainRegistry()
            + "/it-multiarch/emulated-"
            + UUID.randomUUID().toString().substring(0, 8)
            + ":1.0";
    JenkinsDind.build(
        BuildRequest.from(
                JenkinsBaseImages.inRegistry(JenkinsBaseImages.Variant.MULTI_PLATFORM).reference())
            .platforms(List.of(ImagePlatform.LINUX_AMD64, new ImagePlatform("linux", "arm64")))
            .dockerCli(
                DockerCli.download(DockerCliServer.VERSION).withUrlTemplate(server.urlTemplate()))
            .cliPlugins(List.of())
            .dockerGid(4243)
            .allowInsecureRegistries(true)
            .cacheDirectory(temp.resolve("cache"))
            .to(ImageTarget.registry(image, Set.of()))
            .build(),
        event -> {});
    try {
      String machine =
          Commands.stdout(
              PlatformChecks.TIMEOUT,
              "docker",
              "run",
              "--rm",
              "--platform",
              "linux/arm64",
              "--entrypoint",
              "/bin/sh",
              image,
              "-c",
              "/bin/busybox uname -m; /usr/local/bin/docker 2>&1;"
                  + " /bin/busybox grep '^docker:' /etc/group");
      // the aarch64 busybox at /usr/local/bin/docker ran, and answers to its name
      assertThat(machine)
          .contains("aarch64")
          .contains("docker: applet not found")
          .contains("docker:x:4243:jenkins");
    } finally {
      Commands.run(PlatformChecks.TIMEOUT, "docker", "image", "rm", "--force", image);
    }
  }
}
