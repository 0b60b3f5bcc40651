package io.github.jenkinsdind.it.engine;

import static io.github.jenkinsdind.it.engine.Sandbox.containerExists;
import static io.github.jenkinsdind.it.engine.Sandbox.dockerOk;
import static io.github.jenkinsdind.it.engine.Sandbox.volumeExists;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.PublishedPort;
import io.github.jenkinsdind.core.api.RunRequest;
import io.github.jenkinsdind.core.api.RunResult;
import io.github.jenkinsdind.core.api.StopRequest;
import io.github.jenkinsdind.core.api.StopResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code run} and {@code stop} against the real dockerd, with the product-shaped image. */
class RunAndStopTest extends EngineTestBase {
  private RunRequest.Builder request(String name) {
    return RunRequest.of(ProductImages.gid999())
        .containerName(name)
        .ports(List.of("0:8080", "0:50000"))
        .waitSeconds(120);
  }

  /** Runs a command with the image's busybox shell (its tools are applets, not files). */
  private static String shell(String container, String command) {
    return dockerOk("exec", container, "sh", "-c", command);
  }

  @Test
  void groupAddAutoLetsJenkinsUseTheHostDaemonDespiteTheBakedGid() throws Exception {
    String name = sandbox.container("auto");
    RunResult result = docker.run(request(name).build(), sandbox.events());

    long gid = sandbox.socketGid();
    assertThat(gid).isNotEqualTo(ProductImages.BAKED_GID);
    assertThat(result.groupsAdded()).containsExactly(gid);
    assertThat(result.ready()).isTrue();
    assertThat(result.firstStart()).isTrue();
    assertThat(result.containerName()).isEqualTo(name);
    assertThat(result.jenkinsHome()).isEqualTo(name + "_home");

    // The container runs as jenkins, with the socket's GID added to the image's groups.
    assertThat(shell(name, "id -un")).isEqualTo("jenkins");
    assertThat(shell(name, "id -G").split(" "))
        .contains("1000", Long.toString(ProductImages.BAKED_GID), Long.toString(gid));
    // ... and drives the host's daemon: it sees itself in docker ps.
    assertThat(dockerOk("exec", name, "docker", "ps", "--format", "{{.Names}}")).contains(name);

    // The URL carries the real host port, and Jenkins answers there.
    PublishedPort web =
        result.ports().stream().filter(p -> p.containerPort() == 8080).findFirst().orElseThrow();
    assertThat(web.hostPort()).isPositive();
    // localhost, unless the daemon gave IPv4 and IPv6 different ports (then the IPv4 address).
    assertThat(result.url())
        .isIn(
            "http://localhost:" + web.hostPort() + "/", "http://127.0.0.1:" + web.hostPort() + "/");
    assertThat(web.hostIp()).isEqualTo("0.0.0.0");
    assertThat(result.ports()).anyMatch(p -> p.containerPort() == 50000 && p.hostPort() > 0);
    HttpResponse<String> login =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(result.url() + "login")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(200);

    // The password reported is the one Jenkins wrote.
    assertThat(result.initialAdminPassword())
        .contains(shell(name, "cat /var/jenkins_home/secrets/initialAdminPassword"));
    assertThat(sandbox.messages())
        .anyMatch(m -> m.contains("Jenkins is ready at " + result.url()))
        .anyMatch(m -> m.contains(result.initialAdminPassword().orElseThrow()));
    assertThat(sandbox.messages().stream().filter(m -> m.contains("is root on the Docker host")))
        .hasSize(1);

    // The container carries the plugin's label, the socket at its own path, the restart policy.
    assertThat(
            dockerOk(
                "inspect",
                "-f",
                "{{index .Config.Labels \"io.github.jenkinsdind.managed\"}}",
                name))
        .isEqualTo("true");
    assertThat(dockerOk("inspect", "-f", "{{.HostConfig.RestartPolicy.Name}}", name))
        .isEqualTo("unless-stopped");
    assertThat(shell(name, "stat -c %g /var/run/docker.sock")).isEqualTo(Long.toString(gid));
  }

  @Test
  void jenkinsHomeSurvivesStopThenRunAndReplace() throws Exception {
    String name = sandbox.container("data");
    String volume = name + "_home";
    RunResult first = docker.run(request(name).build(), sandbox.events());
    assertThat(first.firstStart()).isTrue();
    String password = first.initialAdminPassword().orElseThrow();
    dockerOk("exec", name, "sh", "-c", "echo kept > /var/jenkins_home/job.txt");

    StopResult stopped = docker.stop(StopRequest.of(name), sandbox.events());
    assertThat(stopped.removed()).isTrue();
    assertThat(stopped.jenkinsHome()).contains(volume);
    assertThat(stopped.jenkinsHomeRemoved()).isFalse();
    assertThat(containerExists(name)).isFalse();
    assertThat(volumeExists(volume)).isTrue();

    RunResult second = docker.run(request(name).build(), sandbox.events());
    assertThat(second.firstStart()).isFalse();
    assertThat(second.initialAdminPassword()).isEmpty();
    assertThat(shell(name, "cat /var/jenkins_home/job.txt")).isEqualTo("kept");
    assertThat(shell(name, "cat /var/jenkins_home/secrets/initialAdminPassword"))
        .isEqualTo(password);

    // run again: replace (the default) swaps the container and keeps the volume.
    RunResult third = docker.run(request(name).build(), sandbox.events());
    assertThat(third.containerId()).isNotEqualTo(second.containerId());
    assertThat(shell(name, "cat /var/jenkins_home/job.txt")).isEqualTo("kept");
    assertThat(sandbox.messages()).anyMatch(m -> m.startsWith("Replacing container " + name));

    // Only an explicit removeVolume removes it.
    StopResult removed = docker.stop(new StopRequest(name, true), sandbox.events());
    assertThat(removed.jenkinsHomeRemoved()).isTrue();
    assertThat(volumeExists(volume)).isFalse();
  }

  @Test
  void aHostDirectoryIsBindMountedAndNeverDeleted() throws Exception {
    String name = sandbox.container("bind");
    Path home = sandbox.hostDirectory();
    RunResult result =
        docker.run(request(name).jenkinsHome(home.toString()).build(), sandbox.events());
    assertThat(result.firstStart()).isTrue();
    assertThat(result.initialAdminPassword())
        .contains(Files.readString(home.resolve("secrets/initialAdminPassword")).trim());
    dockerOk("exec", name, "sh", "-c", "echo kept > /var/jenkins_home/job.txt");

    StopResult stopped = docker.stop(new StopRequest(name, true), sandbox.events());
    assertThat(stopped.jenkinsHome()).contains(home.toString());
    assertThat(stopped.jenkinsHomeRemoved()).isFalse();
    assertThat(home.resolve("job.txt")).hasContent("kept");
    assertThat(sandbox.messages()).anyMatch(m -> m.contains("never deletes one"));

    RunResult again =
        docker.run(request(name).jenkinsHome(home.toString()).build(), sandbox.events());
    assertThat(again.firstStart()).isFalse();
    assertThat(shell(name, "cat /var/jenkins_home/job.txt")).isEqualTo("kept");
  }

  @Test
  void twoRunsWithDifferentNamesAndPortsCoexist() throws Exception {
    String a = sandbox.container("a");
    String b = sandbox.container("b");
    int portA = Sandbox.freePort();
    RunResult ra =
        docker.run(request(a).ports(List.of(portA + ":8080", "0:50000")).build(), sandbox.events());
    RunResult rb = docker.run(request(b).build(), sandbox.events());
    assertThat(ra.url()).isEqualTo("http://localhost:" + portA + "/");
    assertThat(rb.url()).isNotEqualTo(ra.url());
    assertThat(ra.jenkinsHome()).isNotEqualTo(rb.jenkinsHome());

    docker.stop(StopRequest.of(b), sandbox.events());
    assertThat(containerExists(b)).isFalse();
    assertThat(dockerOk("inspect", "-f", "{{.State.Running}}", a)).isEqualTo("true");
  }

  @Test
  void waitZeroReturnsAtOnceWithEnvAndJavaOpts() throws Exception {
    String name = sandbox.container("nowait");
    RunResult result =
        docker.run(
            request(name)
                .waitSeconds(0)
                .env(Map.of("JENKINS_OPTS", "--httpPort=8080"))
                .javaOpts("-Xmx256m")
                .restartPolicy("no")
                .build(),
            sandbox.events());
    assertThat(result.ready()).isFalse();
    assertThat(result.initialAdminPassword()).isEmpty();
    assertThat(dockerOk("inspect", "-f", "{{range .Config.Env}}{{println .}}{{end}}", name))
        .contains("JAVA_OPTS=-Xmx256m", "JENKINS_OPTS=--httpPort=8080");
    // docker-java sends "no" as the empty name, which every Engine reads as "no".
    assertThat(dockerOk("inspect", "-f", "{{.HostConfig.RestartPolicy.Name}}", name))
        .isIn("", "no");
  }

  @Test
  void stoppingWhatDoesNotExistIsNoError() throws Exception {
    String name = sandbox.container("absent");
    StopResult result = docker.stop(StopRequest.of(name), sandbox.events());
    assertThat(result.removed()).isFalse();
    assertThat(sandbox.messages()).anyMatch(m -> m.contains("nothing to stop"));
  }
}
