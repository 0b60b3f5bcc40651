package io.github.jenkinsdind.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.it.maven.TestProject;
import io.github.jenkinsdind.it.maven.TestProject.MavenRun;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Spec;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Variant;
import io.github.jenkinsdind.it.support.TestServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maven killed with SIGKILL in the middle of a build (no shutdown hook, no finally block runs),
 * twice, with the same {@code cacheDirectory}: first while the docker CLI download is half done,
 * then while the image is being pushed. The half download is never used (it stays a temporary file,
 * and the next build downloads again); the third build succeeds from what the killed ones left,
 * with the digest of an undisturbed build.
 */
class MavenKilledMidBuildTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  @TempDir Path work;

  @Test
  void killedDuringTheCliDownloadThenDuringThePushTheNextBuildUsesOrRepairsTheCache()
      throws Exception {
    TestServices.get().requireRunning();
    String base =
        JenkinsBaseImages.inRegistry(new Spec(Variant.PLAIN, RegistryStoppedMidPushTest.BIG_WAR))
            .reference();
    Path cache = work.resolve("cache");
    try (StallingCliServer cli = StallingCliServer.start();
        ScratchRegistry registry = ScratchRegistry.start(work.resolve("registry"))) {
      String image = registry.address() + "/faults/killed:1";
      TestProject project =
          TestProject.build(work.resolve("killed"), base, image, cli.urlTemplate(), cache);

      // 1. killed with half of the docker CLI downloaded
      BackgroundMaven first =
          BackgroundMaven.start(project, "package", "-Djenkins-dind.target=registry");
      cli.awaitStall(TIMEOUT);
      first.killMaven();
      assertKilled(first.await(TIMEOUT));
      List<Path> partial = files(cache.resolve("docker-cli"));
      assertThat(partial)
          .as("only the half-written temporary file is left")
          .singleElement()
          .satisfies(
              file -> {
                assertThat(file.getFileName().toString()).endsWith(".part");
                assertThat(Files.size(file)).isLessThan(cli.size());
              });

      // 2. killed while the image is pushed
      BackgroundMaven second =
          BackgroundMaven.start(project, "package", "-Djenkins-dind.target=registry");
      registry.awaitLog("/blobs/uploads/", TIMEOUT);
      second.killMaven();
      assertKilled(second.await(TIMEOUT));
      assertThat(cli.downloads())
          .as("the half download was not used: the CLI was downloaded again")
          .isEqualTo(2);
      assertThat(registry.log()).doesNotContain("\"PUT /v2/faults/killed/manifests/");

      // 3. undisturbed
      MavenRun third = project.mvn("package", "-Djenkins-dind.target=registry").assertSucceeded();
      assertThat(third.log()).doesNotContain("Downloading docker CLI");
      assertThat(cli.downloads()).isEqualTo(2);
      String digest = Files.readString(project.file("target/jenkins-dind/image.digest")).trim();
      Commands.runOrFail(
          TIMEOUT,
          "skopeo",
          "copy",
          "--src-tls-verify=false",
          "docker://" + image,
          "dir:" + work.resolve("copy"));

      TestProject fresh =
          TestProject.build(
              work.resolve("fresh"),
              base,
              registry.address() + "/faults/fresh:1",
              cli.urlTemplate(),
              work.resolve("fresh-cache"));
      fresh.mvn("package", "-Djenkins-dind.target=registry").assertSucceeded();
      assertThat(digest)
          .as("the digest of an undisturbed build with a cache of its own")
          .isEqualTo(Files.readString(fresh.file("target/jenkins-dind/image.digest")).trim());
    }
  }

  private static void assertKilled(MavenRun run) {
    assertThat(run.succeeded()).as("Maven was killed; log:%n%s", run.log()).isFalse();
    assertThat(run.log()).doesNotContain("BUILD SUCCESS").doesNotContain("BUILD FAILURE");
  }

  private static List<Path> files(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }
}
