package io.github.jenkinsdind.it.multiarch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.BuildResult;
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
 * The tar of a multi-platform build (an OCI image layout holding the index) is what {@code docker
 * load} reads on a daemon with the containerd image store: Debian 13's dockerd 26 with the {@code
 * containerd-snapshotter} feature, started on a socket of its own by {@code
 * .ci/containerd-store.sh} (Debian 12's dockerd 20.10 has no containerd image store). The image
 * loads under the tar's name with the index's digest, and its linux/amd64 platform runs there with
 * the build's account files.
 */
class ContainerdStoreLoadTest {
  private static DockerCliServer server;
  private static String host;
  private static String docker;

  @TempDir Path temp;

  @BeforeAll
  static void start() throws IOException {
    TestServices.get().requireRunning();
    Path file = TestServices.servicesDirectory().resolve("containerd-store.properties");
    assertThat(file)
        .as("a dockerd with the containerd image store (run .ci/containerd-store.sh)")
        .exists();
    Properties store = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in);
    }
    assertThat(store.getProperty("driver.type")).isEqualTo("io.containerd.snapshotter.v1");
    host = store.getProperty("docker.host");
    // Debian's docker CLI (20.10), as the other tests: it only streams the tar to the daemon
    docker = TestServices.get().dockerCli().toString();
    assertThat(Commands.run(PlatformChecks.TIMEOUT, docker, "-H", host, "version").succeeded())
        .as("the containerd-store dockerd answers on %s (run .ci/containerd-store.sh)", host)
        .isTrue();
    server = DockerCliServer.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void dockerLoadReadsTheMultiPlatformTarAndItsAmd64PlatformRuns() throws Exception {
    String name = "it-containerd/jenkins-" + UUID.randomUUID().toString().substring(0, 8) + ":1.0";
    Path tar = Files.createDirectories(temp.resolve("out")).resolve("jenkins.tar");
    BuildResult result =
        JenkinsDind.build(
            BuildRequest.from(
                    JenkinsBaseImages.inRegistry(JenkinsBaseImages.Variant.MULTI_PLATFORM)
                        .reference())
                .platforms(List.of(ImagePlatform.LINUX_AMD64, new ImagePlatform("linux", "arm64")))
                .dockerCli(
                    DockerCli.download(DockerCliServer.VERSION)
                        .withUrlTemplate(server.urlTemplate()))
                .cliPlugins(List.of())
                .dockerGid(4244)
                .allowInsecureRegistries(true)
                .cacheDirectory(temp.resolve("cache"))
                .to(new ImageTarget.TarFile(name, Set.of(), tar))
                .build(),
            event -> {});
    try {
      String loaded =
          Commands.stdout(PlatformChecks.TIMEOUT, docker, "-H", host, "load", "-i", tar.toString());
      assertThat(loaded).contains(name);
      assertThat(
              Commands.stdout(
                  PlatformChecks.TIMEOUT,
                  docker,
                  "-H",
                  host,
                  "image",
                  "inspect",
                  "--format",
                  "{{.Id}}",
                  name))
          .as("the containerd store names an image by its index's digest")
          .isEqualTo(result.digest());
      String group =
          Commands.stdout(
              PlatformChecks.TIMEOUT,
              docker,
              "-H",
              host,
              "run",
              "--rm",
              "--network",
              "none",
              "--platform",
              "linux/amd64",
              "--entrypoint",
              "/bin/sh",
              name,
              "-c",
              "grep '^docker:' /etc/group; uname -m");
      assertThat(group).contains("docker:x:4244:jenkins").contains("x86_64");
    } finally {
      Commands.run(PlatformChecks.TIMEOUT, docker, "-H", host, "image", "rm", "--force", name);
    }
  }
}
