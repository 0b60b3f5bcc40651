package io.github.jenkinsdind.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jenkinsdind.it.maven.TestProject;
import io.github.jenkinsdind.it.maven.TestProject.MavenRun;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Spec;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Variant;
import io.github.jenkinsdind.it.support.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that dies in the middle of a push (SIGKILL while the first blob upload is going on):
 * the build fails with a message that names the registry, the setting and what to do, not a bare
 * stack trace; with the registry back (same port, same storage, its half-written uploads still
 * there), the next build succeeds, and the image is complete (every blob can be copied and
 * verified) and has the digest of an undisturbed build.
 *
 * <p>The target is a registry of the test's own, not the base's, so Jib has to push every layer,
 * the base's included; the base has a 64 MiB incompressible war layer so that the push lasts long
 * enough to be cut.
 */
class RegistryStoppedMidPushTest {
  static final long BIG_WAR = 64L * 1024 * 1024;
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  @TempDir Path work;

  @Test
  void aPushCutByARegistryCrashFailsClearlyAndTheNextBuildCompletesTheImage() throws Exception {
    TestServices.get().requireRunning();
    String base = JenkinsBaseImages.inRegistry(new Spec(Variant.PLAIN, BIG_WAR)).reference();
    try (DockerCliServer cli = DockerCliServer.start();
        ScratchRegistry registry = ScratchRegistry.start(work.resolve("registry"))) {
      String image = registry.address() + "/faults/mid-push:1";
      TestProject project =
          TestProject.build(
              work.resolve("interrupted"), base, image, cli.urlTemplate(), work.resolve("cache"));

      BackgroundMaven build =
          BackgroundMaven.start(project, "package", "-Djenkins-dind.target=registry");
      registry.awaitLog("/blobs/uploads/", TIMEOUT);
      registry.kill();
      MavenRun failed = build.await(TIMEOUT).assertFailed();

      assertThat(registry.log())
          .as("the registry died before any manifest was pushed")
          .doesNotContain("\"PUT /v2/faults/mid-push/manifests/");
      assertThat(failed.errors())
          .as("a message for people: the registry, the setting, what to do")
          .contains("registry " + registry.address())
          .contains("Setting: <image>")
          .containsIgnoringCase("perhaps you should check that the registry is running");
      assertThat(firstErrorLine(failed))
          .as("the first error line says what happened, in words")
          .contains("registry " + registry.address())
          .doesNotContain("Exception");
      assertThat(project.file("target/jenkins-dind/image.digest")).doesNotExist();

      registry.restart();
      project.mvn("package", "-Djenkins-dind.target=registry").assertSucceeded();
      String digest = Files.readString(project.file("target/jenkins-dind/image.digest")).trim();

      String inspected =
          Commands.stdout(TIMEOUT, "skopeo", "inspect", "--tls-verify=false", "docker://" + image);
      assertThat(new ObjectMapper().readTree(inspected).get("Digest").asText()).isEqualTo(digest);
      Commands.runOrFail(
          TIMEOUT,
          "skopeo",
          "copy",
          "--src-tls-verify=false",
          "docker://" + image,
          "dir:" + work.resolve("copy"));

      assertThat(digest)
          .as("the digest of the same build, undisturbed, with a cache of its own")
          .isEqualTo(undisturbedDigest(base, registry.address() + "/faults/undisturbed:1", cli));
    }
  }

  private String undisturbedDigest(String base, String image, DockerCliServer cli)
      throws Exception {
    TestProject project =
        TestProject.build(
            work.resolve("undisturbed"),
            base,
            image,
            cli.urlTemplate(),
            work.resolve("undisturbed-cache"));
    project.mvn("package", "-Djenkins-dind.target=registry").assertSucceeded();
    return Files.readString(project.file("target/jenkins-dind/image.digest")).trim();
  }

  private static String firstErrorLine(MavenRun run) {
    return run.log()
        .lines()
        .filter(line -> line.startsWith("[ERROR] Failed to execute goal"))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no 'Failed to execute goal' line in:\n" + run.log()));
  }
}
