package io.github.jenkinsdind.it.engines;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.PublishedPort;
import io.github.jenkinsdind.core.api.RunRequest;
import io.github.jenkinsdind.core.api.RunResult;
import io.github.jenkinsdind.core.api.StopRequest;
import io.github.jenkinsdind.core.internal.container.JenkinsRun;
import io.github.jenkinsdind.core.internal.container.JenkinsStop;
import io.github.jenkinsdind.core.internal.container.RunPlan;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import io.github.jenkinsdind.it.maven.TestProject;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code target=docker} and {@code run} through the shared dockerd's TLS endpoint on 127.0.0.1
 * ({@code DOCKER_HOST=tcp://127.0.0.1:PORT}, {@code DOCKER_TLS_VERIFY=1}, {@code
 * DOCKER_CERT_PATH}), as the jenkins.io recipe sets a daemon up: the build goal puts the image into
 * the daemon through it, and {@code run} starts that image through it, mounts the daemon host's own
 * socket and prints the daemon host's address, not {@code localhost}. The same again through a
 * Docker context with the same TLS files, written in the test's own {@code DOCKER_CONFIG}.
 */
class TlsRunAndBuildTest {
  private static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);
  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  @TempDir static Path shared;
  @TempDir Path home;

  private static DockerCliServer cliServer;
  private static String image;

  private final Engines engines = Engines.get();
  private final Recorder events = new Recorder();

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
    if (image != null) {
      Commands.run(TIMEOUT, "docker", "image", "rm", "-f", image);
    }
  }

  private Map<String, String> tlsEnv() {
    return Map.of(
        "DOCKER_HOST", engines.tlsHost(),
        "DOCKER_TLS_VERIFY", "1",
        "DOCKER_CERT_PATH", engines.tlsCerts().toString());
  }

  /** Builds the image with the build goal, {@code target=docker}, through the TLS endpoint. */
  private synchronized String builtThroughTls() {
    if (image == null) {
      String reference = "jenkins-dind-it/engines-tls:" + RUN_ID;
      TestProject project =
          TestProject.build(
              shared,
              JenkinsBaseImages.inRegistry(JenkinsBaseImages.Variant.PLAIN).reference(),
              reference,
              cliServer.urlTemplate(),
              shared.resolve("cache"));
      TestProject.MavenRun run =
          project.mvn(tlsEnv(), "package", "-Djenkins-dind.target=docker").assertSucceeded();
      assertThat(run.log()).contains("Image: " + reference + "@");
      image = reference;
    }
    return image;
  }

  @Test
  void targetDockerBuildsIntoTheDaemonThroughTheTlsEndpoint() {
    String built = builtThroughTls();
    assertThat(Commands.run(TIMEOUT, "docker", "image", "inspect", built).succeeded())
        .as("the image is in the daemon behind the TLS endpoint")
        .isTrue();
  }

  @Test
  void runThroughTheTlsEndpointPrintsTheDaemonHostsAddressAndStopRemovesIt() throws Exception {
    String built = builtThroughTls();
    String name = "jd-tls-run-" + RUN_ID;
    try (Engine engine = Engine.connect(Optional.empty(), tlsEnv(), home, events)) {
      assertThat(events.messages())
          .anyMatch(m -> m.startsWith("Docker daemon: " + engines.tlsHost() + " with TLS"));
      try {
        RunResult result =
            JenkinsRun.run(
                engine,
                RunPlan.of(
                    RunRequest.of(built)
                        .containerName(name)
                        .ports(List.of("0:8080", "0:50000"))
                        .waitSeconds(180)
                        .build()),
                events);

        PublishedPort web =
            result.ports().stream()
                .filter(p -> p.containerPort() == 8080)
                .findFirst()
                .orElseThrow();
        assertThat(result.url()).isEqualTo("http://127.0.0.1:" + web.hostPort() + "/");
        assertThat(result.ready()).isTrue();
        assertThat(events.messages())
            .anyMatch(m -> m.contains("Jenkins is ready at " + result.url()));
        assertThat(
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(URI.create(result.url() + "login")).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .statusCode())
            .isEqualTo(200);
        // the daemon host's own socket is mounted, and groupAdd=auto read its GID there
        assertThat(
                Commands.stdout(
                    TIMEOUT,
                    "docker",
                    "inspect",
                    "--format",
                    "{{range .Mounts}}{{.Source}} {{end}}",
                    name))
            .contains("/var/run/docker.sock");
        assertThat(result.groupsAdded())
            .containsExactly((long) TestServices.get().dockerSocketGid());
      } finally {
        JenkinsStop.stop(engine, new StopRequest(name, true), events);
      }
    }
    assertThat(Commands.run(TIMEOUT, "docker", "container", "inspect", name).succeeded())
        .as("the container is gone")
        .isFalse();
    assertThat(Commands.run(TIMEOUT, "docker", "volume", "inspect", name + "_home").succeeded())
        .as("its volume is gone")
        .isFalse();
  }

  @Test
  void targetDockerAndRunThroughADockerContextOfTheTestsOwnConfig() throws Exception {
    Path config = home.resolve("docker-config");
    ContextFiles.writeCurrent(config, "jd-tls-ctx", engines.tlsHost(), engines.tlsCerts());
    Map<String, String> env = Map.of("DOCKER_CONFIG", config.toString());
    String reference = "jenkins-dind-it/engines-tls-context:" + RUN_ID;
    String name = "jd-tls-ctx-run-" + RUN_ID;
    try {
      TestProject project =
          TestProject.build(
              home,
              JenkinsBaseImages.inRegistry(JenkinsBaseImages.Variant.PLAIN).reference(),
              reference,
              cliServer.urlTemplate(),
              shared.resolve("cache"));
      TestProject.MavenRun built =
          project.mvn(env, "package", "-Djenkins-dind.target=docker").assertSucceeded();
      assertThat(built.log())
          .contains(
              "Docker daemon: "
                  + engines.tlsHost()
                  + " with TLS (CA "
                  + config.resolve("contexts/tls"))
          .contains("current context 'jd-tls-ctx' of " + config.resolve("config.json"))
          .contains("Image: " + reference + "@");
      assertThat(Commands.run(TIMEOUT, "docker", "image", "inspect", reference).succeeded())
          .as("the image is in the daemon behind the context's TLS endpoint")
          .isTrue();

      try (Engine engine = Engine.connect(Optional.empty(), env, home, events)) {
        assertThat(engine.endpoint().reason())
            .isEqualTo("current context 'jd-tls-ctx' of " + config.resolve("config.json"));
        try {
          RunResult result =
              JenkinsRun.run(
                  engine,
                  RunPlan.of(
                      RunRequest.of(reference)
                          .containerName(name)
                          .ports(List.of("0:8080", "0:50000"))
                          .waitSeconds(180)
                          .build()),
                  events);
          assertThat(result.url()).startsWith("http://127.0.0.1:");
          assertThat(result.ready()).isTrue();
          assertThat(result.groupsAdded())
              .containsExactly((long) TestServices.get().dockerSocketGid());
          assertThat(events.messages())
              .anyMatch(
                  m ->
                      m.startsWith("Running on Docker Engine ")
                          && m.contains(" at " + engines.tlsHost() + ";")
                          && m.contains("the socket mounted is /var/run/docker.sock, its own"));
        } finally {
          JenkinsStop.stop(engine, new StopRequest(name, true), events);
        }
      }
      assertThat(Commands.run(TIMEOUT, "docker", "container", "inspect", name).succeeded())
          .isFalse();
    } finally {
      Commands.run(TIMEOUT, "docker", "image", "rm", "-f", reference);
    }
  }
}
