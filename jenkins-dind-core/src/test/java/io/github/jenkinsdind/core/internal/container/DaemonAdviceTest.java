package io.github.jenkinsdind.core.internal.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.daemon.DaemonKind;
import io.github.jenkinsdind.core.internal.daemon.DaemonKind.Kind;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Each kind of daemon gets its own FAIL text and fix from {@code check}, and its own line in {@code
 * run}'s output.
 */
class DaemonAdviceTest {
  private static final String DENIED =
      "permission denied while trying to connect to the Docker daemon socket at unix:///s.sock";
  private static final DaemonKind ENGINE =
      new DaemonKind(Kind.DOCKER_ENGINE, "20.10.24", "1.41", false);
  private static final DaemonKind ROOTLESS =
      new DaemonKind(Kind.ROOTLESS_DOCKER, "27.3.1", "1.47", true);
  private static final DaemonKind DESKTOP =
      new DaemonKind(Kind.DOCKER_DESKTOP, "27.2.0", "1.47", false);
  private static final DaemonKind PODMAN = new DaemonKind(Kind.PODMAN, "4.3.1", "1.41", false);

  private static ImageFacts facts(long gid, String mode) {
    return new ImageFacts(
        1000,
        "jenkins",
        List.of(1000L, 999L),
        OptionalLong.of(gid),
        mode,
        Optional.of("/usr/local/bin/docker"));
  }

  private static ImageFacts noSocket() {
    return new ImageFacts(
        1000, "jenkins", List.of(1000L), OptionalLong.empty(), "", Optional.of("/usr/bin/docker"));
  }

  private static CheckVerdict deny(DaemonKind kind, ImageFacts facts, String socket) {
    return CheckVerdict.judge(
        socket, facts, new GroupAddPolicy.None(), List.of(), 1, "", DENIED, kind);
  }

  @Test
  void dockerEngineKeepsTheGeneralText() {
    CheckVerdict v = deny(ENGINE, facts(106, "660"), "/var/run/docker.sock");
    assertThat(v.diagnosis()).startsWith("Permission denied on /var/run/docker.sock: the socket");
    assertThat(v.fix().orElseThrow().parts())
        .contains(new Suggestion.SetTo(Setting.DOCKER_GID, "106"));
  }

  @Test
  void rootlessDockerSaysTheOwnerIsAnotherUserAndAGroupDoesNotMakeItTheOwner() {
    CheckVerdict v = deny(ROOTLESS, facts(0, "600"), "/run/user/1000/docker.sock");
    assertThat(v.passed()).isFalse();
    assertThat(v.diagnosis())
        .contains("rootless Docker 27.3.1")
        .contains("containers see as root (uid 0)")
        .contains("mode 600")
        .contains("Adding a group does not make it the socket's owner");
    assertThat(v.fix().orElseThrow().toString()).contains("not root on the host");
    assertThat(v.fix().orElseThrow().parts())
        .contains(new Suggestion.SetTo(Setting.GROUP_ADD, "auto"));
  }

  @Test
  void dockerDesktopSaysTheSocketIsRootsAndTheRiskOfGroupZero() {
    CheckVerdict v = deny(DESKTOP, facts(0, "660"), "/var/run/docker.sock");
    assertThat(v.diagnosis()).contains("Docker Desktop 27.2.0").contains("root:root, GID 0");
    Suggestion fix = v.fix().orElseThrow();
    assertThat(fix.parts()).contains(new Suggestion.SetTo(Setting.GROUP_ADD, "auto"));
    assertThat(fix.toString()).contains("adds GID 0, the root group").contains("Know the risk");
  }

  @Test
  void aPassThroughAGroupZeroSocketSaysTheUserIsInGroupRoot() {
    CheckVerdict v =
        CheckVerdict.judge(
            "/var/run/docker.sock",
            facts(0, "660"),
            new GroupAddPolicy.Auto(),
            List.of(0L),
            0,
            "27.2.0\n",
            "",
            DESKTOP);
    assertThat(v.passed()).isTrue();
    assertThat(v.diagnosis())
        .contains("reached Docker Desktop 27.2.0")
        .contains("the container's user is in group root");
  }

  @Test
  void podmanNamesItsVersionAndItsSocketWhenTheDefaultIsNotThere() {
    CheckVerdict v =
        CheckVerdict.judge(
            "/var/run/docker.sock",
            noSocket(),
            new GroupAddPolicy.Auto(),
            List.of(),
            1,
            "",
            "Cannot connect to the Docker daemon at unix:///var/run/docker.sock.",
            PODMAN);
    assertThat(v.diagnosis())
        .contains("Podman 4.3.1 (rootful, Docker API 1.41)")
        .contains("/run/podman/podman.sock");
    assertThat(v.fix().orElseThrow().parts())
        .contains(new Suggestion.SetTo(Setting.DOCKER_SOCKET, null));
  }

  @Test
  void dockerDesktopWithAnotherSocketIsToldToMountVarRunDockerSock() {
    CheckVerdict v =
        CheckVerdict.judge(
            "/Users/me/.docker/run/docker.sock",
            noSocket(),
            new GroupAddPolicy.Auto(),
            List.of(),
            1,
            "",
            "no such file",
            DESKTOP);
    assertThat(v.fix().orElseThrow().parts())
        .contains(new Suggestion.SetTo(Setting.DOCKER_SOCKET, "/var/run/docker.sock"));
  }

  @Test
  void runNamesEachKindOfDaemonWithItsOwnAdvice() {
    assertThat(
            DaemonAdvice.runOn(
                ENGINE, "unix:///var/run/docker.sock", "/var/run/docker.sock", false))
        .startsWith(
            "Running on Docker Engine 20.10.24 (Docker API 1.41) at unix:///var/run/docker.sock;"
                + " the socket mounted is /var/run/docker.sock. The container's user gets the"
                + " socket's group");
    assertThat(
            DaemonAdvice.runOn(
                ROOTLESS, "unix:///run/user/1000/docker.sock", "/run/user/1000/docker.sock", true))
        .startsWith("Running on rootless Docker 27.3.1")
        .contains("the socket mounted is /run/user/1000/docker.sock, its own on the daemon's host.")
        .contains("containers see its socket as owned by root (uid 0)")
        .contains("chmod 660");
    assertThat(
            DaemonAdvice.runOn(
                PODMAN, "unix:///run/podman/podman.sock", "/run/podman/podman.sock", true))
        .startsWith("Running on Podman 4.3.1 (rootful, Docker API 1.41)")
        .contains("Podman's API service (rootful)")
        .contains("0600, which no group can use")
        .contains("0660");
    assertThat(
            DaemonAdvice.runOn(
                DESKTOP,
                "unix:///home/u/.docker/desktop/docker.sock",
                "/var/run/docker.sock",
                true))
        .startsWith("Running on Docker Desktop 27.2.0")
        .contains("virtual machine")
        .contains("root:root, GID 0, so groupAdd=auto adds the root group (GID 0)");
  }
}
