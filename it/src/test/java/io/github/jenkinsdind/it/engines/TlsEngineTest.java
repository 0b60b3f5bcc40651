package io.github.jenkinsdind.it.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.CheckRequest;
import io.github.jenkinsdind.core.api.CheckResult;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.internal.container.DockerCheck;
import io.github.jenkinsdind.core.internal.daemon.DaemonKind;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import io.github.jenkinsdind.it.support.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared dockerd reached over TCP with TLS on 127.0.0.1, as the jenkins.io recipe sets it up:
 * through {@code DOCKER_HOST} with {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH}, through
 * a Docker context of the test's own {@code DOCKER_CONFIG}, and refused when the CA is not the one
 * that signed the daemon's certificate. The environment is the test's own map: nothing here depends
 * on the JVM's.
 */
class TlsEngineTest {
  @TempDir Path home;

  private final Engines engines = Engines.get();
  private final TestServices services = TestServices.get().requireRunning();
  private final Recorder events = new Recorder();

  private Map<String, String> tlsEnv(Path certs) {
    return Map.of(
        "DOCKER_HOST", engines.tlsHost(),
        "DOCKER_TLS_VERIFY", "1",
        "DOCKER_CERT_PATH", certs.toString());
  }

  private static String image() throws Exception {
    return ProbeImage.into(TestServices.get().dockerHost());
  }

  private CheckResult checkThrough(Engine engine) throws Exception {
    return DockerCheck.check(engine, CheckRequest.of(image()).withToolchain(false), events);
  }

  @Test
  void dockerHostWithTlsVerifyReachesTheDaemonAndCheckPasses() throws Exception {
    try (Engine engine =
        Engine.connect(Optional.empty(), tlsEnv(engines.tlsCerts()), home, events)) {
      assertThat(engine.endpoint().tls()).isPresent();
      assertThat(engine.publishedHost()).isEqualTo("127.0.0.1");
      assertThat(events.messages())
          .containsOnlyOnce(
              "Docker daemon: "
                  + engine.endpoint().host()
                  + " with TLS (CA "
                  + engines.tlsCerts().resolve("ca.pem")
                  + ", client certificate "
                  + engines.tlsCerts().resolve("cert.pem")
                  + "), from DOCKER_HOST with DOCKER_TLS_VERIFY");
      DaemonKind kind = DaemonKind.of(engine);
      assertThat(kind.kind()).isEqualTo(DaemonKind.Kind.DOCKER_ENGINE);
      assertThat(kind.version()).isEqualTo(services.dockerServerVersion());

      CheckResult result = checkThrough(engine);
      assertThat(result.passed()).as(result.diagnosis()).isTrue();
      assertThat(result.socketGid()).hasValue(services.dockerSocketGid());
      assertThat(result.groupsAdded()).containsExactly((long) services.dockerSocketGid());
      assertThat(result.diagnosis())
          .contains("reached Docker Engine " + services.dockerServerVersion())
          .contains("through /var/run/docker.sock");
    }
  }

  @Test
  void aDockerContextOfTheTestsOwnConfigWithItsTlsFilesWorksTheSame() throws Exception {
    Path config = home.resolve("docker-config");
    String name = "jd-tls";
    Path tls = ContextFiles.writeCurrent(config, name, engines.tlsHost(), engines.tlsCerts());

    try (Engine engine =
        Engine.connect(
            Optional.empty(), Map.of("DOCKER_CONFIG", config.toString()), home, events)) {
      assertThat(engine.endpoint().reason())
          .isEqualTo("current context 'jd-tls' of " + config.resolve("config.json"));
      assertThat(engine.endpoint().tls().orElseThrow().ca()).contains(tls.resolve("ca.pem"));
      CheckResult result = checkThrough(engine);
      assertThat(result.passed()).as(result.diagnosis()).isTrue();
    }
    // DOCKER_CONTEXT names it too, over a current context that does not exist
    Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"gone\"}");
    try (Engine engine =
        Engine.connect(
            Optional.empty(),
            Map.of("DOCKER_CONFIG", config.toString(), "DOCKER_CONTEXT", name),
            home,
            events)) {
      assertThat(engine.endpoint().reason()).isEqualTo("context 'jd-tls' (DOCKER_CONTEXT)");
    }
  }

  @Test
  void aDaemonWhoseCertificateTheCaDidNotSignIsRefusedClearly() {
    assertThatThrownBy(
            () -> Engine.connect(Optional.empty(), tlsEnv(engines.wrongCaCerts()), home, events))
        .isInstanceOfSatisfying(
            EnvironmentException.class,
            e -> {
              assertThat(e.getMessage())
                  .startsWith("The Docker daemon at " + engines.tlsHost())
                  .contains("is refused: its certificate is not signed by a CA this client trusts")
                  .contains(engines.wrongCaCerts().resolve("ca.pem").toString());
              assertThat(e.suggestion().orElseThrow()).contains("ca.pem");
            });
    assertThat(events.messages()).noneMatch(m -> m.startsWith("Docker daemon:"));
  }

  @Test
  void tlsWithoutTheCaFileIsRefusedBeforeAnyConnection() throws Exception {
    Path empty = Files.createDirectories(home.resolve("no-certs"));
    assertThatThrownBy(() -> Engine.connect(Optional.empty(), tlsEnv(empty), home, events))
        .isInstanceOf(EnvironmentException.class)
        .hasMessageContaining("has no ca.pem");
  }
}
