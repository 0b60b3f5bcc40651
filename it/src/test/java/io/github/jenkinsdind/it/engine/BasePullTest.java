package io.github.jenkinsdind.it.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.internal.daemon.BasePull;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Variant;
import io.github.jenkinsdind.it.support.TestServices;
import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The daemon-side pull that a {@code docker} target uses for a registry base, against the real
 * dockerd and registry: what the daemon holds afterwards is the base's layers, exactly as the
 * registry's image config lists them.
 */
class BasePullTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theDaemonPullsTheBaseByDigestAndHoldsItsLayers() throws Exception {
    TestServices services = TestServices.get();
    services.requireRunning();
    JenkinsBaseImages.Built base =
        JenkinsBaseImages.inRegistry(
            new JenkinsBaseImages.Spec(Variant.PLAIN, 4_567_890 + System.nanoTime() % 1000));
    String repository = base.reference().substring(0, base.reference().lastIndexOf(':'));
    JsonNode config =
        JSON.readTree(
            Commands.stdout(
                TIMEOUT,
                "skopeo",
                "inspect",
                "--tls-verify=false",
                "--config",
                "docker://" + repository + "@" + base.digest()));
    List<String> diffIds = new ArrayList<>();
    config.path("rootfs").path("diff_ids").forEach(id -> diffIds.add(id.asText()));
    assertThat(diffIds).isNotEmpty();

    try (Engine engine = Engine.connect(null)) {
      assertThat(BasePull.held(engine, repository, base.digest())).as("not pulled yet").isEmpty();
      AtomicReference<Closeable> connection = new AtomicReference<>();
      List<String> layers =
          BasePull.pull(engine, repository, base.digest(), Optional.empty(), connection::set);

      assertThat(layers).containsExactlyElementsOf(diffIds);
      assertThat(connection.get()).as("the caller could have stopped the pull").isNotNull();
      assertThat(BasePull.held(engine, repository, base.digest())).contains(diffIds);
      assertThat(
              Commands.stdout(
                  TIMEOUT,
                  "docker",
                  "image",
                  "inspect",
                  "--format",
                  "{{json .RepoDigests}}",
                  repository + "@" + base.digest()))
          .contains(base.digest());
    } finally {
      Commands.run(TIMEOUT, "docker", "rmi", "-f", repository + "@" + base.digest());
    }
  }

  @Test
  void aDigestTheRegistryDoesNotHaveIsAnEnvironmentErrorNamingIt() throws Exception {
    TestServices services = TestServices.get();
    services.requireRunning();
    String repository = services.plainRegistry() + "/it/never-pushed";
    String digest = "sha256:" + "0123456789abcdef".repeat(4);
    try (Engine engine = Engine.connect(null)) {
      assertThatThrownBy(() -> BasePull.pull(engine, repository, digest, Optional.empty(), c -> {}))
          .isInstanceOf(EnvironmentException.class)
          .hasMessageContaining("failed to pull " + repository + "@" + digest);
      assertThat(BasePull.held(engine, repository, digest)).isEmpty();
    }
  }

  @Test
  void dockerHubNamesAreTheDaemons() {
    assertThat(BasePull.daemonRepository("registry-1.docker.io", "jenkins/jenkins"))
        .isEqualTo("docker.io/jenkins/jenkins");
    assertThat(BasePull.daemonRepository("127.0.0.1:5000", "fixtures/jenkins"))
        .isEqualTo("127.0.0.1:5000/fixtures/jenkins");
  }
}
