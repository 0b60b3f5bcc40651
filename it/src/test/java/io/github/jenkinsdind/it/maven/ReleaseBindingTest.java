package io.github.jenkinsdind.it.maven;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jenkinsdind.it.maven.TestProject.MavenRun;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release binding of the README: {@code mvn deploy} deploys the project's artifacts, then the
 * {@code push-image} execution (phase deploy, target registry, pinned docker CLI sha256) pushes the
 * image as the version and {@code latest}.
 */
class ReleaseBindingTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  @TempDir Path work;

  @Test
  void deployPushesTheVersionAndLatest() throws Exception {
    TestServices services = TestServices.get().requireRunning();
    String registry = services.plainRegistry();
    try (DockerCliServer cli = DockerCliServer.start()) {
      TestProject project =
          TestProject.copy(
              "release",
              work,
              Map.of(
                  "base", JenkinsBaseImages.inRegistry(JenkinsBaseImages.Variant.PLAIN).reference(),
                  "registry", registry,
                  "cliUrl", cli.urlTemplate(),
                  "cliVersion", DockerCliServer.VERSION,
                  "cliSha256", cli.sha256(),
                  "cache", work.resolve("cache").toString()));

      MavenRun packaged = project.mvn("package").assertSucceeded();
      assertThat(packaged.log()).doesNotContain("push-image");

      MavenRun deploy = project.mvn("deploy").assertSucceeded();

      String repository = registry + "/it-maven/jenkins-release";
      assertThat(deploy.log())
          .contains("build (push-image)")
          .contains("Image: " + repository + ":2.3.0@")
          .contains("(target registry, tags: 2.3.0, latest)");
      assertThat(
              project.file(
                  "target/deploy-repository/io/github/jenkinsdind/it/jenkins-release/2.3.0/jenkins-release-2.3.0.pom"))
          .isRegularFile();
      String digest = Files.readString(project.file("target/jenkins-dind/image.digest")).trim();
      ObjectMapper json = new ObjectMapper();
      for (String tag : new String[] {"2.3.0", "latest"}) {
        String inspected =
            Commands.stdout(
                TIMEOUT,
                "skopeo",
                "inspect",
                "--tls-verify=false",
                "docker://" + repository + ":" + tag);
        assertThat(json.readTree(inspected).get("Digest").asText()).as(tag).isEqualTo(digest);
      }
      assertThat(
              json.readTree(Files.readString(project.file("target/jenkins-dind/image.json")))
                  .get("dockerCliSha256")
                  .asText())
          .isNotEmpty();
    }
  }
}
