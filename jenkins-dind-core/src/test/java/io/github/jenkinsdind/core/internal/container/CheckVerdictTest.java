package io.github.jenkinsdind.core.internal.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CheckVerdictTest {
  private static final String SOCKET = "/var/run/docker.sock";
  private static final String DENIED =
      "permission denied while trying to connect to the Docker daemon socket at"
          + " unix:///var/run/docker.sock: Get \"http://%2Fvar%2Frun%2Fdocker.sock/v1.24/version\":"
          + " dial unix /var/run/docker.sock: connect: permission denied";

  private static ImageFacts facts(String mode) {
    return new ImageFacts(
        1000,
        "jenkins",
        List.of(1000L, 999L),
        OptionalLong.of(106),
        mode,
        Optional.of("/usr/local/bin/docker"));
  }

  @Test
  void passesWithTheServerVersion() {
    CheckVerdict v =
        CheckVerdict.judge(
            SOCKET,
            facts("660"),
            new GroupAddPolicy.Auto(),
            List.of(106L),
            0,
            "20.10.24+dfsg1\n",
            "");
    assertThat(v.passed()).isTrue();
    assertThat(v.serverVersion()).contains("20.10.24+dfsg1");
    assertThat(v.diagnosis()).contains("jenkins (uid 1000)").contains("added 106");
    assertThat(v.fix()).isEmpty();
  }

  @Test
  void aGidMismatchNamesBothGidsAndTheExactFix() {
    CheckVerdict v =
        CheckVerdict.judge(
            SOCKET, facts("660"), new GroupAddPolicy.None(), List.of(), 1, "", DENIED);
    assertThat(v.passed()).isFalse();
    assertThat(v.diagnosis())
        .contains("GID 106")
        .contains("jenkins (uid 1000) is in groups 1000 999")
        .contains("groupAdd=none added none");
    assertThat(v.fix().orElseThrow().parts())
        .contains(
            new Suggestion.SetTo(Setting.DOCKER_GID, "106"),
            new Suggestion.SetTo(Setting.GROUP_ADD, "auto"));
    assertThat(v.fix().orElseThrow().toString())
        .isEqualTo(
            "build the image with dockerGid=106, or run it with groupAdd=auto, which adds the"
                + " socket's GID when the container starts");
  }

  @Test
  void aSocketWithoutGroupRightsIsSaidSo() {
    CheckVerdict v =
        CheckVerdict.judge(
            SOCKET, facts("600"), new GroupAddPolicy.Auto(), List.of(106L), 1, "", DENIED);
    assertThat(v.diagnosis()).contains("mode is 600");
    assertThat(v.fix().orElseThrow().toString()).contains("chmod 660");
  }

  @Test
  void anUnreachableDaemonIsNotAGroupProblem() {
    CheckVerdict v =
        CheckVerdict.judge(
            SOCKET,
            facts("660"),
            new GroupAddPolicy.Auto(),
            List.of(106L),
            1,
            "",
            "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker"
                + " daemon running?");
    assertThat(v.passed()).isFalse();
    assertThat(v.diagnosis()).contains("could not reach the daemon").contains("Is the docker");
    assertThat(v.fix().orElseThrow().parts())
        .contains(new Suggestion.SetTo(Setting.DOCKER_SOCKET, null));
    assertThat(v.fix().orElseThrow().toString()).contains("dockerSocket (/var/run/docker.sock)");
  }

  @Test
  void aMissingCliIsSaidSo() {
    ImageFacts noCli =
        new ImageFacts(
            1000, "jenkins", List.of(1000L), OptionalLong.of(106), "660", Optional.empty());
    CheckVerdict v = CheckVerdict.noDockerCli("plain/jenkins:1", noCli);
    assertThat(v.passed()).isFalse();
    assertThat(v.diagnosis()).contains("no docker CLI");
    assertThat(v.fix().orElseThrow().parts())
        .contains(new Suggestion.Run(Suggestion.Operation.BUILD));
    assertThat(v.fix().orElseThrow().toString()).contains("/usr/local/bin/docker");
  }
}
