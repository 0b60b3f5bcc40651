package io.github.jenkinsdind.it.maven;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jenkinsdind.it.maven.TestProject.MavenRun;
import io.github.jenkinsdind.it.multiarch.PlatformChecks;
import io.github.jenkinsdind.it.multiarch.ServedClis;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.ForeignBinaries;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code build} goal run by Maven for a multi-platform image: {@code platforms} and per-
 * architecture {@code dockerClientSha256} pins as {@code -D} properties, from the multi-platform
 * stand-in base to the registry; the result files and the pushed index checked with skopeo and
 * umoci; bad inputs fail naming their element and push nothing.
 */
class MultiPlatformGoalTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);

  @TempDir static Path shared;

  private static DockerCliServer cliServer;
  private static TestServices services;
  private static String amd64Pin;
  private static String arm64Pin;

  @TempDir Path work;

  @BeforeAll
  static void services() {
    services = TestServices.get().requireRunning();
    cliServer = DockerCliServer.start();
    amd64Pin = DockerCliServer.tarballSha256();
    arm64Pin = ServedClis.sha256(cliServer, "aarch64", shared.resolve("pins"));
  }

  @AfterAll
  static void cleanUp() {
    if (cliServer != null) {
      cliServer.close();
    }
  }

  private TestProject project(String image) {
    return TestProject.build(
        work,
        JenkinsBaseImages.inRegistry(JenkinsBaseImages.Variant.MULTI_PLATFORM).reference(),
        image,
        cliServer.urlTemplate(),
        shared.resolve("cache"));
  }

  private static String registryImage(String name) {
    return services.plainRegistry() + "/it-maven/" + name + "-" + RUN_ID + ":1.0";
  }

  private static boolean pushed(String reference) {
    return Commands.run(
            PlatformChecks.TIMEOUT,
            "skopeo",
            "inspect",
            "--raw",
            "--tls-verify=false",
            "docker://" + reference)
        .succeeded();
  }

  @Test
  void platformsWithPinsPerArchitecturePushOneIndexAndImageJsonNamesEachPlatform()
      throws Exception {
    String image = registryImage("multi");
    TestProject project = project(image);

    MavenRun run =
        project
            .mvn(
                "package",
                "-Djenkins-dind.target=registry",
                "-Djenkins-dind.platforms=linux/amd64,linux/arm64",
                "-Djenkins-dind.dockerClientSha256=amd64=" + amd64Pin + ",arm64=" + arm64Pin)
            .assertSucceeded();

    JsonNode result =
        JSON.readTree(Files.readString(project.file("target/jenkins-dind/image.json")));
    JsonNode index = PlatformChecks.json(PlatformChecks.raw("docker://" + image));
    String indexDigest =
        "sha256:"
            + ServedClis.sha256(
                Files.writeString(
                    work.resolve("index.json"), PlatformChecks.raw("docker://" + image)));
    assertThat(index.get("manifests")).hasSize(2);
    assertThat(result.get("digest").asText()).isEqualTo(indexDigest);
    assertThat(Files.readString(project.file("target/jenkins-dind/image.digest")).trim())
        .isEqualTo(indexDigest);
    assertThat(result.at("/platforms/linux~1amd64").asText())
        .isEqualTo(PlatformChecks.digestOf(index, "amd64"));
    assertThat(result.at("/platforms/linux~1arm64").asText())
        .isEqualTo(PlatformChecks.digestOf(index, "arm64"));
    assertThat(run.log()).contains("Image: " + image + "@" + indexDigest + " (target registry");
    assertThat(pushed(image.replace(":1.0", ":1.0-linux-arm64")))
        .as("each platform under <tag>-<os>-<arch>")
        .isTrue();
    Path rootfs =
        PlatformChecks.rootfs(
            "docker://" + image, "arm64", Files.createDirectories(work.resolve("arm64")));
    assertThat(ForeignBinaries.elfMachine(rootfs.resolve("usr/local/bin/docker")))
        .isEqualTo(ForeignBinaries.EM_AARCH64);
  }

  @Test
  void aPinOfTheWrongArchitectureFailsNamingDockerClientSha256AndPushesNothing() {
    String image = registryImage("wrong-pin");

    MavenRun run =
        project(image)
            .mvn(
                "package",
                "-Djenkins-dind.target=registry",
                "-Djenkins-dind.platforms=linux/amd64,linux/arm64",
                "-Djenkins-dind.dockerClientSha256=amd64=" + amd64Pin + ",arm64=" + amd64Pin)
            .assertFailed();

    assertThat(run.log())
        .contains("has sha256 " + arm64Pin)
        .contains(
            "Setting: <dockerClientSha256> in the plugin's <configuration>, or"
                + " -Djenkins-dind.dockerClientSha256")
        .contains("  Perhaps");
    assertThat(pushed(image)).as("the tag").isFalse();
    assertThat(pushed(image.replace(":1.0", ":1.0-linux-amd64"))).as("amd64").isFalse();
  }

  @Test
  void aPlatformTheBaseLacksFailsNamingPlatformsAndPushesNothing() {
    String image = registryImage("no-s390x");

    MavenRun run =
        project(image)
            .mvn(
                "package",
                "-Djenkins-dind.target=registry",
                "-Djenkins-dind.platforms=linux/amd64,linux/s390x")
            .assertFailed();

    assertThat(run.log())
        .contains("has no linux/s390x image; it has linux/amd64, linux/arm64")
        .contains(
            "Setting: <platforms> in the plugin's <configuration>, or"
                + " -Djenkins-dind.platforms (now: linux/amd64,linux/s390x)")
        .contains("Perhaps you should leave linux/s390x out of <platforms>");
    assertThat(pushed(image)).as("the tag").isFalse();
    assertThat(pushed(image.replace(":1.0", ":1.0-linux-amd64"))).as("amd64").isFalse();
  }
}
