package io.github.jenkinsdind.it.engine;

import static io.github.jenkinsdind.it.engine.Sandbox.dockerOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.CheckRequest;
import io.github.jenkinsdind.core.api.CheckResult;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** {@code check} against the real dockerd: PASS with the server version, or FAIL with the fix. */
class CheckTest extends EngineTestBase {
  @Test
  void groupAddAutoPassesWithTheServerVersion() throws Exception {
    String image = ProductImages.gid999();
    CheckResult result =
        docker.check(CheckRequest.of(image).withToolchain(false), sandbox.events());
    long gid = sandbox.socketGid();
    assertThat(result.passed()).as(result.diagnosis()).isTrue();
    assertThat(result.serverVersion()).contains(sandbox.services().dockerServerVersion());
    assertThat(result.socketGid()).hasValue(gid);
    assertThat(result.user()).isEqualTo("jenkins (uid 1000)");
    assertThat(result.userGroups()).containsExactlyInAnyOrder(1000L, ProductImages.BAKED_GID);
    assertThat(result.groupsAdded()).containsExactly(gid);
    assertThat(result.fix()).isEmpty();
    assertNoProbeLeft(image);
  }

  @Test
  void groupAddNoneFailsWithTheDiagnosisAndTheExactFix() throws Exception {
    String image = ProductImages.gid999();
    CheckResult result =
        docker.check(
            new CheckRequest(image, "/var/run/docker.sock", "none").withToolchain(false),
            sandbox.events());
    long gid = sandbox.socketGid();
    assertThat(result.passed()).isFalse();
    assertThat(result.serverVersion()).isEmpty();
    assertThat(result.socketGid()).hasValue(gid);
    assertThat(result.groupsAdded()).isEmpty();
    assertThat(result.diagnosis())
        .isEqualTo(
            "Permission denied on /var/run/docker.sock: the socket belongs to GID "
                + gid
                + " on the Docker host, but jenkins (uid 1000) is in groups 1000 999 (groupAdd=none"
                + " added none).");
    assertThat(result.fix().orElseThrow().parts())
        .contains(
            new Suggestion.SetTo(Setting.DOCKER_GID, Long.toString(gid)),
            new Suggestion.SetTo(Setting.GROUP_ADD, "auto"));
    assertThat(result.fix().orElseThrow().toString())
        .contains("dockerGid=" + gid)
        .contains("groupAdd=auto");
    assertNoProbeLeft(image);
  }

  @Test
  void aFixedGidThatIsTheSocketsPasses() throws Exception {
    String gid = Long.toString(sandbox.socketGid());
    CheckResult result =
        docker.check(
            new CheckRequest(ProductImages.gid999(), "/var/run/docker.sock", gid)
                .withToolchain(false),
            sandbox.events());
    assertThat(result.passed()).as(result.diagnosis()).isTrue();
  }

  @Test
  void anImageWithoutTheDockerCliFails() throws Exception {
    CheckResult result =
        docker.check(
            CheckRequest.of(ProductImages.withoutDockerCli()).withToolchain(false),
            sandbox.events());
    assertThat(result.passed()).isFalse();
    assertThat(result.diagnosis()).contains("has no docker CLI on the PATH of its user jenkins");
    assertThat(result.fix().orElseThrow().parts())
        .contains(new Suggestion.Run(Suggestion.Operation.BUILD));
  }

  @Test
  void aSocketNoDaemonListensOnFailsAsUnreachable() throws Exception {
    Path socket = Path.of("/tmp/" + sandbox.volume("deadsock") + ".sock");
    try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.bind(UnixDomainSocketAddress.of(socket));
    }
    try {
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
      CheckResult result =
          docker.check(
              new CheckRequest(ProductImages.gid999(), socket.toString(), "auto")
                  .withToolchain(false),
              sandbox.events());
      assertThat(result.passed()).isFalse();
      assertThat(result.diagnosis()).contains("could not reach the daemon through " + socket);
      assertThat(result.fix().orElseThrow().toString()).contains("dockerSocket");
    } finally {
      Files.deleteIfExists(socket);
    }
  }

  @Test
  void anImageNotInTheDaemonIsABadInput() {
    assertThatThrownBy(
            () ->
                docker.check(
                    CheckRequest.of("jenkins-dind-it/absent:1").withToolchain(false),
                    sandbox.events()))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).contains(Setting.IMAGE);
              assertThat(e.suggestionParts().orElseThrow().parts())
                  .contains(new Suggestion.Run(Suggestion.Operation.BUILD));
            });
  }

  private static void assertNoProbeLeft(String image) {
    assertThat(
            dockerOk(
                "ps",
                "-aq",
                "--filter",
                "label=io.github.jenkinsdind.role=probe",
                "--filter",
                "ancestor=" + image))
        .isEmpty();
  }
}
