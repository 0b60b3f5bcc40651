package io.github.jenkinsdind.core.internal.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.daemon.DaemonKind;
import io.github.jenkinsdind.core.internal.daemon.DaemonKind.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code run} needs a daemon that publishes ports: one with its default bridge network. */
class DaemonNetworkTest {
  private static final DaemonKind ROOTLESS =
      new DaemonKind(Kind.ROOTLESS_DOCKER, "20.10.24+dfsg1", "1.41", true);
  private static final DaemonKind ENGINE =
      new DaemonKind(Kind.DOCKER_ENGINE, "20.10.24+dfsg1", "1.41", false);

  @Test
  void aDaemonWithItsBridgeNetworkPublishes() {
    assertThat(
            DaemonNetwork.missingBridge(
                List.of("bridge", "host", "none"), ENGINE, "unix:///s.sock", "8080:8080"))
        .isEmpty();
  }

  @Test
  void rootlessDockerWithoutABridgeSaysWhyAndHowToStartIt() {
    EnvironmentException e =
        DaemonNetwork.missingBridge(
                List.of("host", "none"),
                ROOTLESS,
                "unix:///run/user/1000/docker.sock",
                "8080:8080, 50000:50000")
            .orElseThrow();
    assertThat(e.getMessage())
        .startsWith(
            "The Docker daemon at unix:///run/user/1000/docker.sock is rootless Docker"
                + " 20.10.24+dfsg1 (Docker API 1.41) and has no bridge network (its networks:"
                + " host, none): it would start the container but publish none of its ports"
                + " (8080:8080, 50000:50000)")
        .contains("--bridge=none")
        .contains("rootlesskit shares the host's network (--net=host)");
    assertThat(e.setting()).contains(Setting.DOCKER_HOST);
    assertThat(e.suggestion().orElseThrow())
        .contains("slirp4netns")
        .contains("DOCKERD_ROOTLESS_ROOTLESSKIT_PORT_DRIVER=builtin");
  }

  @Test
  void anyOtherDaemonWithoutABridgeIsToldToStartWithOne() {
    EnvironmentException e =
        DaemonNetwork.missingBridge(List.of(), ENGINE, "tcp://192.0.2.7:2376", "8080:8080")
            .orElseThrow();
    assertThat(e.getMessage())
        .contains("its networks: none")
        .endsWith("A daemon has none when dockerd runs with --bridge=none.");
    assertThat(e.suggestion().orElseThrow()).contains("without --bridge=none");
  }
}
