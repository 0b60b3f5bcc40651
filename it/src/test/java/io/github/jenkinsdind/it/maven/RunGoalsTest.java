package io.github.jenkinsdind.it.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.it.maven.TestProject.MavenRun;
import io.github.jenkinsdind.it.support.CliPluginFiles;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.TestServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code check}, {@code run} and {@code stop} goals as a user runs them, one after the other,
 * on an image the {@code build} goal made with a GID the socket does not have (the default 999, or
 * 998 where the socket's GID is 999): check fails with the fix unless the socket's GID is added,
 * run starts Jenkins and reports its URL and password, and jenkins_home survives stop and run.
 */
class RunGoalsTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);

  private final String container = "jenkins-dind-it-run-" + RUN_ID;
  private final String volume = container + "_home";
  private final String image = "jenkins-dind-it/run:" + RUN_ID;

  @TempDir Path work;
  @TempDir Path cache;

  @AfterEach
  void cleanUp() {
    Commands.run(TIMEOUT, "docker", "rm", "--force", container);
    Commands.run(TIMEOUT, "docker", "volume", "rm", "--force", volume);
    Commands.run(TIMEOUT, "docker", "image", "rm", "--force", image);
  }

  @Test
  void checkRunStopRunAsAUserWould() throws Exception {
    TestServices services = TestServices.get().requireRunning();
    String socketGid = Long.toString(services.dockerSocketGid());
    // the image's docker group must miss the socket's GID: the default 999, or 998 on a host whose
    // socket has GID 999 (Ubuntu with docker-ce)
    String imageGid = socketGid.equals("999") ? "998" : "999";
    CliPluginFiles plugins = CliPluginFiles.get();
    TestProject project;
    try (DockerCliServer cli = DockerCliServer.start()) {
      project =
          TestProject.copy(
              "run",
              work,
              Map.of(
                  "base",
                  JenkinsBaseImages.inRegistry(JenkinsBaseImages.Variant.PLAIN).reference(),
                  "image",
                  image,
                  "cliUrl",
                  cli.urlTemplate(),
                  "cliVersion",
                  DockerCliServer.VERSION,
                  "cache",
                  cache.toString(),
                  "container",
                  container,
                  "buildxFile",
                  plugins.buildx().toString(),
                  "buildxVersion",
                  plugins.buildxVersion(),
                  "composeFile",
                  plugins.compose().toString(),
                  "composeVersion",
                  plugins.composeVersion()));
      project.mvn("package", "-Djenkins-dind.dockerGid=" + imageGid).assertSucceeded();
    }

    MavenRun failed =
        project.mvn("jenkins-dind:check", "-Djenkins-dind.groupAdd=none").assertFailed();
    assertThat(failed.log())
        .contains("FAIL: " + image)
        .contains("Socket GID on the Docker host: " + socketGid)
        .contains("-Djenkins-dind.dockerGid=" + socketGid)
        .contains("groupAdd=auto");

    MavenRun passed = project.mvn("jenkins-dind:check").assertSucceeded();
    assertThat(passed.log())
        .contains("PASS: " + image)
        .contains(services.dockerServerVersion())
        .contains("ok: docker buildx build")
        .contains("github.com/docker/buildx " + plugins.buildxVersion())
        .contains("built FROM the image with BuildKit")
        .contains("Docker Compose version " + plugins.composeVersion())
        .contains("ran up -d and down of a one-service project");
    // the check leaves nothing behind: no image, no container, no network of its own
    assertThat(Commands.stdout(TIMEOUT, "docker", "images", "--format", "{{.Repository}}"))
        .doesNotContain("jenkins-dind-check-");
    assertThat(Commands.stdout(TIMEOUT, "docker", "ps", "-a", "--format", "{{.Names}}"))
        .doesNotContain("jenkins-dind-check-");
    assertThat(Commands.stdout(TIMEOUT, "docker", "network", "ls", "--format", "{{.Name}}"))
        .doesNotContain("jenkins-dind-check-");

    MavenRun first = project.mvn("jenkins-dind:run").assertSucceeded();
    Matcher url =
        Pattern.compile("Jenkins is ready at (http://127\\.0\\.0\\.1:(\\d+)\\S*)")
            .matcher(first.log());
    assertThat(url.find()).as("the URL in %s", first.log()).isTrue();
    assertThat(url.group(2)).isNotEqualTo("0");
    assertThat(first.log())
        .contains("Initial admin password (first start): ")
        .contains("root on the Docker host");
    String password =
        Commands.stdout(
            TIMEOUT,
            "docker",
            "exec",
            container,
            "/bin/busybox",
            "cat",
            JenkinsBaseImages.PASSWORD_FILE);
    assertThat(first.log()).contains("Initial admin password (first start): " + password);

    // the jenkins user drives the host's daemon through the socket, thanks to groupAdd=auto
    assertThat(
            Commands.stdout(
                TIMEOUT,
                "docker",
                "exec",
                container,
                "/usr/local/bin/docker",
                "ps",
                "--format",
                "{{.Names}}"))
        .contains(container);
    Commands.stdout(
        TIMEOUT,
        "docker",
        "exec",
        container,
        "/bin/busybox",
        "sh",
        "-c",
        "echo kept > /var/jenkins_home/job.txt");

    project.mvn("jenkins-dind:stop").assertSucceeded();
    assertThat(Commands.run(TIMEOUT, "docker", "inspect", container).succeeded()).isFalse();
    assertThat(Commands.run(TIMEOUT, "docker", "volume", "inspect", volume).succeeded()).isTrue();

    MavenRun second = project.mvn("jenkins-dind:run").assertSucceeded();
    assertThat(second.log()).doesNotContain("Initial admin password (first start)");
    assertThat(
            Commands.stdout(
                TIMEOUT,
                "docker",
                "exec",
                container,
                "/bin/busybox",
                "cat",
                "/var/jenkins_home/job.txt"))
        .isEqualTo("kept");

    project.mvn("jenkins-dind:stop", "-Djenkins-dind.removeVolume=true").assertSucceeded();
    assertThat(Commands.run(TIMEOUT, "docker", "volume", "inspect", volume).succeeded()).isFalse();

    // the same image without buildx: docker build cannot work in it, and check says so
    project
        .mvn("package", "-Djenkins-dind.dockerGid=" + imageGid, "-Djenkins-dind.skipBuildx=true")
        .assertSucceeded();
    MavenRun withoutBuildx = project.mvn("jenkins-dind:check").assertFailed();
    assertThat(withoutBuildx.log())
        .contains("FAIL: " + image)
        .contains(
            "The build step failed at `docker buildx version`: the image has no buildx plugin")
        .contains("add buildx to <cliPlugins>")
        .contains("mvn jenkins-dind:build");
  }
}
