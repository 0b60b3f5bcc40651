package io.github.jenkinsdind.it.engines;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.it.maven.TestProject;
import io.github.jenkinsdind.it.maven.TestProject.MavenRun;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goals {@code build} ({@code target=docker}), {@code run} and {@code stop} on rootless Docker
 * (Debian's rootlesskit and dockerd-rootless.sh, run by another, unprivileged user, with
 * rootlesskit's slirp4netns network and builtin port driver), found by its socket alone: {@code
 * XDG_RUNTIME_DIR} is all the goals are given. Jenkins starts with that socket mounted and the
 * socket's group as containers see it (the daemon's own user namespace's view, not the host's),
 * answers at the printed address through rootlesskit's port driver, the run goal's output names
 * rootless Docker and what matters about it, the docker CLI inside drives the rootless daemon, and
 * {@code stop} removes container and volume.
 */
class RootlessRunTest {
  private static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);

  @TempDir static Path shared;

  private static DockerCliServer cliServer;

  @BeforeAll
  static void setUp() {
    TestServices.get().requireRunning();
    cliServer = DockerCliServer.start();
  }

  @AfterAll
  static void tearDown() {
    if (cliServer != null) {
      cliServer.close();
    }
  }

  @Test
  void buildRunAndStopOnRootlessDockerFoundByItsSocketAlone() throws Exception {
    Path socket = Engines.get().rootlessSocket();
    // only the rootless socket: no DOCKER_HOST of the test's (the JVM's has none), no context
    Path emptyConfig = Files.createDirectories(shared.resolve("empty-docker-config"));
    Map<String, String> env =
        Map.of(
            "XDG_RUNTIME_DIR", socket.getParent().toString(),
            "DOCKER_CONFIG", emptyConfig.toString());
    String image = "jenkins-dind-it/engines-rootless:" + RUN_ID;
    String name = "jd-rootless-run-" + RUN_ID;
    TestProject project =
        TestProject.build(
            shared,
            JenkinsBaseImages.inRegistry(JenkinsBaseImages.Variant.PLAIN).reference(),
            image,
            cliServer.urlTemplate(),
            shared.resolve("cache"));
    Set<String> volumesBefore = SocketCli.volumes(socket);
    try {
      // the daemon's loopback is its own (slirp4netns): it cannot pull from this machine's
      // registry, so the build reads the base itself and loads the whole image
      MavenRun built =
          project
              .mvn(
                  env,
                  "package",
                  "-Djenkins-dind.target=docker",
                  "-Djenkins-dind.daemonPullsBase=false")
              .assertSucceeded();
      assertThat(built.log())
          .contains("Docker daemon: unix://" + socket)
          .contains("rootless socket $XDG_RUNTIME_DIR/docker.sock")
          .contains("Image: " + image + "@");

      MavenRun run =
          project
              .mvn(
                  env,
                  "jenkins-dind:run",
                  "-Djenkins-dind.containerName=" + name,
                  "-Djenkins-dind.ports=0:8080,0:50000",
                  "-Djenkins-dind.wait=180")
              .assertSucceeded();
      run.log()
          .lines()
          .filter(l -> l.contains("[INFO]") || l.contains("[WARNING]"))
          .forEach(l -> System.out.println("run on rootless Docker: " + l));
      assertThat(run.log())
          .contains("Running on rootless Docker ")
          .contains("the socket mounted is " + socket + ", its own on the daemon's host.")
          .contains("containers see its socket as owned by root (uid 0)")
          .contains("Started container " + name + " (")
          .contains(" from " + image + " on rootless Docker: ");
      Matcher url =
          Pattern.compile("Jenkins is ready at (http://[^\\s/]+:(\\d+)/)").matcher(run.log());
      assertThat(url.find()).as("the URL in %s", run.log()).isTrue();
      HttpResponse<String> login =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url.group(1) + "login")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).isEqualTo(200);

      assertThat(
              SocketCli.docker(
                      socket, "inspect", "--format", "{{range .Mounts}}{{.Source}} {{end}}", name)
                  .stdout())
          .contains(socket.toString());
      // the socket's group as containers see it (dockerd-rootless.sh's dockerd gives it the group
      // docker of the user namespace, a subordinate GID on the host) is the one added
      Matcher gid =
          Pattern.compile(
                  "groupAdd=auto: the Docker socket "
                      + Pattern.quote(socket.toString())
                      + " has GID (\\d+) on the Docker host")
              .matcher(run.log());
      assertThat(gid.find()).as("the GID in %s", run.log()).isTrue();
      assertThat(
              SocketCli.docker(socket, "inspect", "--format", "{{json .HostConfig.GroupAdd}}", name)
                  .stdout())
          .contains("\"" + gid.group(1) + "\"");
      // the socket is 0660: with that group, the docker CLI in Jenkins drives the rootless daemon
      // (run gave it DOCKER_HOST, the socket being other than /var/run/docker.sock)
      Commands.Result ps =
          SocketCli.docker(
              socket, "exec", name, "/usr/local/bin/docker", "ps", "--format", "{{.Names}}");
      assertThat(ps.succeeded()).as(ps.toString()).isTrue();
      assertThat(ps.stdout()).contains(name);

      project
          .mvn(
              env,
              "jenkins-dind:stop",
              "-Djenkins-dind.containerName=" + name,
              "-Djenkins-dind.removeVolume=true")
          .assertSucceeded();
      assertThat(SocketCli.docker(socket, "container", "inspect", name).succeeded())
          .as("the container is gone")
          .isFalse();
      assertThat(SocketCli.docker(socket, "volume", "inspect", name + "_home").succeeded())
          .as("its volume is gone")
          .isFalse();
      // and the probes that read the socket's GID left no anonymous volume of the image's VOLUME
      assertThat(SocketCli.volumes(socket)).isEqualTo(volumesBefore);
    } finally {
      SocketCli.docker(socket, "rm", "-f", name);
      SocketCli.docker(socket, "volume", "rm", name + "_home");
      SocketCli.docker(socket, "image", "rm", "-f", image);
    }
  }
}
