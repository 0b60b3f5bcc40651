package io.github.jenkinsdind.it.multiarch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.BuildResult;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.DockerCli;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsDind;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.ForeignBinaries;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A two-platform build (linux/amd64 and linux/arm64) from the multi-platform stand-in base, each
 * platform with the docker CLI of its own architecture (the x86-64 CLI, and Debian's aarch64 static
 * busybox packed as the aarch64 download), to a registry (an index under the tag) and to a tar (an
 * OCI layout). Every platform is checked with skopeo and umoci: the CLI's ELF machine, the account
 * files, the labels.
 */
class MultiPlatformBuildTest {
  private static final List<ImagePlatform> PLATFORMS =
      List.of(ImagePlatform.LINUX_AMD64, new ImagePlatform("linux", "arm64"));

  private static DockerCliServer server;

  @TempDir Path temp;

  @BeforeAll
  static void start() {
    TestServices.get().requireRunning();
    server = DockerCliServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private BuildRequest.Builder request(Path cache) {
    return BuildRequest.from(
            JenkinsBaseImages.inRegistry(JenkinsBaseImages.Variant.MULTI_PLATFORM).reference())
        .platforms(PLATFORMS)
        .dockerCli(
            DockerCli.download(DockerCliServer.VERSION).withUrlTemplate(server.urlTemplate()))
        .cliPlugins(List.of())
        .dockerGid(4242)
        .allowInsecureRegistries(true)
        .cacheDirectory(cache);
  }

  private static String image(String name) {
    return TestServices.get().plainRegistry()
        + "/it-multiarch/"
        + name
        + "-"
        + UUID.randomUUID().toString().substring(0, 8)
        + ":1.0";
  }

  @Test
  void aRegistryTargetGetsOneIndexWithEachPlatformsOwnCliAndAccounts() throws Exception {
    String image = image("index");
    BuildResult result =
        JenkinsDind.build(
            request(temp.resolve("cache"))
                .to(ImageTarget.registry(image, Set.of("latest")))
                .build(),
            event -> {});

    JsonNode index = PlatformChecks.json(PlatformChecks.raw("docker://" + image));
    assertThat(index.get("mediaType").asText())
        .isEqualTo("application/vnd.docker.distribution.manifest.list.v2+json");
    assertThat(index.get("manifests")).hasSize(2);
    assertThat(result.digest()).startsWith("sha256:");
    assertThat(result.platformDigests())
        .containsEntry("linux/amd64", PlatformChecks.digestOf(index, "amd64"))
        .containsEntry("linux/arm64", PlatformChecks.digestOf(index, "arm64"));
    String latest = image.substring(0, image.lastIndexOf(':')) + ":latest";
    assertThat(PlatformChecks.raw("docker://" + latest))
        .isEqualTo(PlatformChecks.raw("docker://" + image));

    for (String arch : List.of("amd64", "arm64")) {
      JsonNode config = PlatformChecks.config("docker://" + image, arch);
      assertThat(config.get("architecture").asText()).isEqualTo(arch);
      assertThat(config.at("/config/Labels/io.github.jenkinsdind.docker.gid").asText())
          .isEqualTo("4242");
      Path rootfs =
          PlatformChecks.rootfs(
              "docker://" + image, arch, Files.createDirectories(temp.resolve(arch)));
      assertThat(ForeignBinaries.elfMachine(rootfs.resolve("usr/local/bin/docker")))
          .as("the %s image's docker CLI", arch)
          .isEqualTo(ForeignBinaries.expectedMachine(arch));
      assertThat(Files.readString(rootfs.resolve("etc/group"))).contains("docker:x:4242:jenkins");
    }
  }

  @Test
  void theIndexAndEachPlatformKeepTheirDigestsAcrossRunsAndCaches() throws Exception {
    BuildResult first =
        JenkinsDind.build(
            request(temp.resolve("a")).to(ImageTarget.registry(image("same"), Set.of())).build(),
            event -> {});
    BuildResult second =
        JenkinsDind.build(
            request(temp.resolve("b")).to(ImageTarget.registry(image("same"), Set.of())).build(),
            event -> {});

    assertThat(second.digest()).isEqualTo(first.digest());
    assertThat(second.platformDigests()).isEqualTo(first.platformDigests());
  }

  @Test
  void aTarTargetIsAnOciLayoutHoldingTheIndex() throws Exception {
    Path tar = Files.createDirectories(temp.resolve("out")).resolve("jenkins.tar");
    BuildResult result =
        JenkinsDind.build(
            request(temp.resolve("cache"))
                .to(new ImageTarget.TarFile("example/jenkins:1.0", Set.of(), tar))
                .build(),
            event -> {});

    JsonNode index = PlatformChecks.json(PlatformChecks.raw("oci-archive:" + tar));
    assertThat(index.get("manifests")).hasSize(2);
    assertThat(result.platformDigests()).hasSize(2);
    Path rootfs =
        PlatformChecks.rootfs(
            "oci-archive:" + tar, "arm64", Files.createDirectories(temp.resolve("tar-arm64")));
    assertThat(ForeignBinaries.elfMachine(rootfs.resolve("usr/local/bin/docker")))
        .isEqualTo(ForeignBinaries.EM_AARCH64);
    try (var files = Files.list(tar.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("jenkins.tar");
    }
  }

  @Test
  void aPlatformTheBaseLacksFailsBeforeTheTagIsWritten() {
    String image = image("missing");
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                JenkinsDind.build(
                    request(temp.resolve("cache"))
                        .platforms(
                            List.of(ImagePlatform.LINUX_AMD64, new ImagePlatform("linux", "s390x")))
                        .to(ImageTarget.registry(image, Set.of()))
                        .build(),
                    event -> {}));

    assertThat(e.setting()).contains(Setting.PLATFORMS);
    assertThat(e.getMessage()).contains("has no linux/s390x image");
    assertThat(
            Commands.run(
                    PlatformChecks.TIMEOUT,
                    "skopeo",
                    "inspect",
                    "--tls-verify=false",
                    "docker://" + image)
                .succeeded())
        .as("the tag names nothing")
        .isFalse();
    assertThat(
            Commands.run(
                    PlatformChecks.TIMEOUT,
                    "skopeo",
                    "inspect",
                    "--tls-verify=false",
                    "docker://" + image.replace(":1.0", ":1.0-linux-amd64"))
                .succeeded())
        .as("every platform is prepared before any is written: amd64 is not pushed either")
        .isFalse();
  }
}
