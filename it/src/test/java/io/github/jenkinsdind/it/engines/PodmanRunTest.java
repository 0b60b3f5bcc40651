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
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three goals a user runs, {@code build} ({@code target=docker}), {@code run} and {@code stop},
 * against Podman's Docker-compatible API service (Debian's podman 4.3, on a socket of its own)
 * pointed at with {@code DOCKER_HOST}, as RHEL and Fedora users do: the image lands in Podman,
 * Jenkins starts in a Podman container with Podman's own socket mounted and GID 0 added, answers at
 * the printed address, the run goal's output names Podman and what matters about it, the docker CLI
 * in the container drives Podman once the socket's mode lets its group in, and {@code stop} removes
 * container and volume.
 */
class PodmanRunTest {
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

  private static Commands.Result podman(Path socket, String... arguments) {
    return SocketCli.docker(socket, arguments);
  }

  @Test
  void buildRunAndStopAgainstPodman() throws Exception {
    Path socket = Engines.get().podmanSocket();
    Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + socket);
    String image = "jenkins-dind-it/engines-podman:" + RUN_ID;
    String name = "jd-podman-run-" + RUN_ID;
    TestProject project =
        TestProject.build(
            shared,
            JenkinsBaseImages.inRegistry(JenkinsBaseImages.Variant.PLAIN).reference(),
            image,
            cliServer.urlTemplate(),
            shared.resolve("cache"));
    Set<String> volumesBefore = SocketCli.volumes(socket);
    try {
      MavenRun built = project.mvn(env, "package", "-Djenkins-dind.target=docker");
      built.assertSucceeded();
      assertThat(built.log())
          .contains("Docker daemon: unix://" + socket)
          .contains("Image: " + image + "@");
      assertThat(podman(socket, "image", "inspect", image).succeeded())
          .as("the image is in Podman")
          .isTrue();

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
          .forEach(l -> System.out.println("run on Podman: " + l));
      assertThat(run.log())
          .contains("Running on Podman 4.")
          .contains("(rootful, Docker API 1.")
          .contains("the socket mounted is " + socket + ", its own on the daemon's host.")
          .contains("Podman's API service (rootful)")
          .contains("groupAdd: The socket's group is GID 0")
          .contains("Started container " + name + " (")
          .contains(" from " + image + " on Podman: ");
      Matcher url =
          Pattern.compile("Jenkins is ready at (http://[^\\s/]+:(\\d+)/)").matcher(run.log());
      assertThat(url.find()).as("the URL in %s", run.log()).isTrue();
      HttpResponse<String> login =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url.group(1) + "login")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).isEqualTo(200);
      assertThat(run.log()).contains("Initial admin password (first start): ");

      // Podman's own socket is mounted, and groupAdd=auto found its GID (0) on the daemon's side
      assertThat(
              podman(socket, "inspect", "--format", "{{range .Mounts}}{{.Source}} {{end}}", name)
                  .stdout())
          .contains(socket.toString());
      assertThat(
              podman(socket, "inspect", "--format", "{{json .HostConfig.GroupAdd}}", name).stdout())
          .contains("\"0\"");

      // with the mode of Podman's podman.socket unit (0660), the docker CLI in Jenkins drives
      // Podman
      Set<PosixFilePermission> before = Files.getPosixFilePermissions(socket);
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
      try {
        Commands.Result ps =
            podman(
                socket,
                "exec",
                name,
                "/usr/local/bin/docker",
                "-H",
                "unix://" + socket,
                "ps",
                "--format",
                "{{.Names}}");
        assertThat(ps.succeeded()).as(ps.toString()).isTrue();
        assertThat(ps.stdout()).contains(name);
      } finally {
        Files.setPosixFilePermissions(socket, before);
      }

      MavenRun stopped =
          project
              .mvn(
                  env,
                  "jenkins-dind:stop",
                  "-Djenkins-dind.containerName=" + name,
                  "-Djenkins-dind.removeVolume=true")
              .assertSucceeded();
      assertThat(stopped.log()).contains(name);
      assertThat(podman(socket, "container", "inspect", name).succeeded())
          .as("the container is gone")
          .isFalse();
      assertThat(podman(socket, "volume", "inspect", name + "_home").succeeded())
          .as("its volume is gone")
          .isFalse();
      // and the probes that read the socket's GID left no anonymous volume of the image's VOLUME
      assertThat(SocketCli.volumes(socket)).isEqualTo(volumesBefore);
    } finally {
      podman(socket, "rm", "-f", name);
      podman(socket, "volume", "rm", name + "_home");
      podman(socket, "image", "rm", "-f", image);
    }
  }
}
