package io.github.jenkinsdind.it.engine;

import static io.github.jenkinsdind.it.engine.Sandbox.containerExists;
import static io.github.jenkinsdind.it.engine.Sandbox.dockerOk;
import static io.github.jenkinsdind.it.engine.Sandbox.volumeExists;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.JenkinsContainers;
import io.github.jenkinsdind.core.api.RunRequest;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.StopRequest;
import io.github.jenkinsdind.core.api.Suggestion;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each bad input or fault of {@code run} and {@code stop} gives its message, and loses nothing. */
class BadInputTest extends EngineTestBase {
  private RunRequest.Builder request(String name) {
    return RunRequest.of(ProductImages.gid999())
        .containerName(name)
        .ports(List.of("0:8080"))
        .waitSeconds(60);
  }

  @Test
  void noDaemonNamesDockerHostAndTheSocket() {
    Path socket = Path.of("/tmp/jenkins-dind-no-daemon-here.sock");
    assertThatThrownBy(() -> JenkinsContainers.connect("unix://" + socket))
        .isInstanceOfSatisfying(
            EnvironmentException.class,
            e -> {
              assertThat(e.getMessage())
                  .startsWith("No Docker daemon answers at unix://" + socket)
                  .contains("DOCKER_HOST")
                  .contains("socket " + socket);
              assertThat(e.suggestion().orElseThrow()).contains("start the Docker daemon");
            });
  }

  @Test
  void anImageNotInTheDaemonSuggestsBuildingIt() {
    String name = sandbox.container("noimage");
    RunRequest request =
        RunRequest.of("jenkins-dind-it/does-not-exist:1").containerName(name).build();
    assertThatThrownBy(() -> docker.run(request, sandbox.events()))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).contains(Setting.IMAGE);
              assertThat(e.getMessage())
                  .contains("jenkins-dind-it/does-not-exist:1 is not in the Docker daemon");
              assertThat(e.suggestionParts().orElseThrow().parts())
                  .contains(new Suggestion.Run(Suggestion.Operation.BUILD));
              assertThat(e.suggestion().orElseThrow()).contains("the build operation");
            });
    assertThat(containerExists(name)).isFalse();
  }

  @Test
  void aHostPortInUseIsNamedAndNothingIsLeftBehind() throws Exception {
    String name = sandbox.container("busyport");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
      int port = taken.getLocalPort();
      RunRequest request = request(name).ports(List.of(port + ":8080")).build();
      assertThatThrownBy(() -> docker.run(request, sandbox.events()))
          .isInstanceOfSatisfying(
              ConfigurationException.class,
              e -> {
                assertThat(e.setting()).contains(Setting.PORTS);
                assertThat(e.getMessage()).startsWith("Host port " + port + " is already in use");
                assertThat(e.value()).contains(port + ":8080/tcp");
              });
    }
    assertThat(containerExists(name)).isFalse();
    assertThat(volumeExists(name + "_home")).isFalse();
  }

  @Test
  void aContainerThePluginDidNotMakeIsLeftAlone() {
    String name = sandbox.container("foreign");
    dockerOk("create", "--name", name, ProductImages.withoutDockerCli());
    String id = dockerOk("inspect", "-f", "{{.Id}}", name);

    assertThatThrownBy(() -> docker.run(request(name).build(), sandbox.events()))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).contains(Setting.CONTAINER_NAME);
              assertThat(e.getMessage())
                  .contains("is taken by a container that jenkins-dind did not make")
                  .contains("left alone");
            });
    assertThatThrownBy(() -> docker.stop(new StopRequest(name, true), sandbox.events()))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).contains(Setting.CONTAINER_NAME);
              assertThat(e.getMessage()).contains("was not made by jenkins-dind");
            });
    assertThat(dockerOk("inspect", "-f", "{{.Id}}", name)).isEqualTo(id);
  }

  @Test
  void replaceFalseRefusesToTouchTheExistingContainer() throws Exception {
    String name = sandbox.container("noreplace");
    String id = docker.run(request(name).waitSeconds(0).build(), sandbox.events()).containerId();
    assertThatThrownBy(() -> docker.run(request(name).replace(false).build(), sandbox.events()))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).contains(Setting.REPLACE);
              assertThat(e.suggestionParts().orElseThrow().parts())
                  .contains(new Suggestion.SetTo(Setting.REPLACE, "true"));
              assertThat(e.suggestion().orElseThrow()).contains("replace=true");
            });
    assertThat(dockerOk("inspect", "-f", "{{.Id}}", name)).isEqualTo(id);
  }

  @Test
  void aJenkinsHomeThatIsNeitherVolumeNorAbsolutePath() {
    String name = sandbox.container("relhome");
    assertThatThrownBy(
            () -> docker.run(request(name).jenkinsHome("./jenkins_home").build(), sandbox.events()))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).contains(Setting.JENKINS_HOME);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "jenkinsHome './jenkins_home' is neither a Docker volume name nor an"
                          + " absolute path");
            });
    assertThat(containerExists(name)).isFalse();
  }

  @Test
  void aMissingHostDirectoryIsNamed() {
    String name = sandbox.container("nohome");
    String missing = "/tmp/" + name + "-missing";
    assertThatThrownBy(
            () -> docker.run(request(name).jenkinsHome(missing).build(), sandbox.events()))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).contains(Setting.JENKINS_HOME);
              assertThat(e.getMessage()).contains(missing + " does not exist on the Docker host");
              assertThat(e.suggestion().orElseThrow()).contains("chown 1000:1000 " + missing);
            });
    assertThat(Files.exists(Path.of(missing))).isFalse();
    assertThat(containerExists(name)).isFalse();
  }

  @Test
  void aMissingSocketIsNamed() {
    String name = sandbox.container("nosock");
    for (String groupAdd : List.of("auto", "none")) {
      assertThatThrownBy(
              () ->
                  docker.run(
                      request(name)
                          .dockerSocket("/tmp/no-such-docker.sock")
                          .groupAdd(groupAdd)
                          .build(),
                      sandbox.events()))
          .as(groupAdd)
          .isInstanceOfSatisfying(
              ConfigurationException.class,
              e -> {
                assertThat(e.setting()).contains(Setting.DOCKER_SOCKET);
                assertThat(e.getMessage())
                    .contains("/tmp/no-such-docker.sock does not exist on the Docker host");
              });
    }
    assertThat(Files.exists(Path.of("/tmp/no-such-docker.sock"))).isFalse();
  }

  @Test
  void waitTimingOutShowsTheLastLogLinesAndKeepsTheContainer() {
    String name = sandbox.container("slow");
    RunRequest request =
        RunRequest.of(ProductImages.neverReady())
            .containerName(name)
            .ports(List.of("0:8080"))
            .waitSeconds(3)
            .build();
    assertThatThrownBy(() -> docker.run(request, sandbox.events()))
        .isInstanceOfSatisfying(
            EnvironmentException.class,
            e -> {
              assertThat(e.setting()).contains(Setting.WAIT);
              assertThat(e.getMessage())
                  .contains("Jenkins did not answer at http://")
                  .contains("within 3 s")
                  .contains("| starting, slowly")
                  .contains("| still starting");
              assertThat(e.suggestion().orElseThrow()).contains("docker logs -f " + name);
            });
    assertThat(dockerOk("inspect", "-f", "{{.State.Running}}", name)).isEqualTo("true");
  }

  @Test
  void aContainerThatStopsIsReportedWithItsLog() throws Exception {
    String name = sandbox.container("crash");
    Path home = sandbox.hostDirectory();
    dockerOk(
        "run",
        "--rm",
        "-v",
        home + ":/h",
        "--user",
        "0",
        "--entrypoint",
        "/bin/sh",
        ProductImages.withoutDockerCli(),
        "-c",
        "chown 0:0 /h && chmod 755 /h");
    RunRequest request = request(name).jenkinsHome(home.toString()).restartPolicy("no").build();
    assertThatThrownBy(() -> docker.run(request, sandbox.events()))
        .isInstanceOfSatisfying(
            EnvironmentException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("The container " + name + " stopped before Jenkins answered")
                    .contains("exit code")
                    .contains("| jenkins.sh: running as"));
    assertThat(containerExists(name)).isTrue();
  }
}
