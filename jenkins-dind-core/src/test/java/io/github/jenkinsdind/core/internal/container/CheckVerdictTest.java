package io.github.jenkinsdind.core.internal.container;

import static org.assertj.core.api.Assertions.assertThat;

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
    assertThat(v.fix().orElseThrow())
        .contains("-Djenkins-dind.dockerGid=106")
        .contains("groupAdd=auto");
  }

  @Test
  void aSocketWithoutGroupRightsIsSaidSo() {
    CheckVerdict v =
        CheckVerdict.judge(
            SOCKET, facts("600"), new GroupAddPolicy.Auto(), List.of(106L), 1, "", DENIED);
    assertThat(v.diagnosis()).contains("mode is 600");
    assertThat(v.fix().orElseThrow()).contains("chmod 660");
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
    assertThat(v.fix().orElseThrow()).contains("dockerSocket");
  }

  @Test
  void aMissingCliIsSaidSo() {
    ImageFacts noCli =
        new ImageFacts(
            1000, "jenkins", List.of(1000L), OptionalLong.of(106), "660", Optional.empty());
    CheckVerdict v = CheckVerdict.noDockerCli("plain/jenkins:1", noCli);
    assertThat(v.passed()).isFalse();
    assertThat(v.diagnosis()).contains("no docker CLI");
    assertThat(v.fix().orElseThrow()).contains("/usr/local/bin/docker");
  }
}
