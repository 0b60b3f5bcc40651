package io.github.jenkinsdind.core.internal.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.internal.daemon.DaemonKind;
import io.github.jenkinsdind.core.internal.daemon.DaemonKind.Kind;
import io.github.jenkinsdind.core.internal.daemon.DockerEndpoint;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The socket to mount is on the daemon's host. */
class DaemonSocketTest {
  private static final String DEFAULT = "/var/run/docker.sock";
  private static final DaemonKind ENGINE =
      new DaemonKind(Kind.DOCKER_ENGINE, "20.10", "1.41", false);

  private static DockerEndpoint tcp() {
    return new DockerEndpoint(URI.create("tcp://192.0.2.7:2376"), Optional.empty(), "DOCKER_HOST");
  }

  @Test
  void aGivenSocketIsKept() {
    assertThat(DaemonSocket.toMount("/srv/docker.sock", tcp(), ENGINE))
        .isEqualTo("/srv/docker.sock");
  }

  @Test
  void aRemoteDaemonGetsItsHostsOwnDefaultSocket() {
    assertThat(DaemonSocket.toMount(DEFAULT, tcp(), ENGINE)).isEqualTo(DEFAULT);
    assertThat(
            DaemonSocket.toMount(
                DEFAULT, tcp(), new DaemonKind(Kind.PODMAN, "4.3.1", "1.41", false)))
        .isEqualTo("/run/podman/podman.sock");
  }

  @Test
  void aLocalRootlessOrPodmanSocketIsTheOneMounted() {
    DockerEndpoint rootless = DockerEndpoint.unix("/run/user/1000/docker.sock", "rootless");
    assertThat(
            DaemonSocket.toMount(
                DEFAULT, rootless, new DaemonKind(Kind.ROOTLESS_DOCKER, "27", "1.47", true)))
        .isEqualTo("/run/user/1000/docker.sock");
  }

  @Test
  void dockerDesktopMountsVarRunDockerSockNotTheOneInTheHome() {
    DockerEndpoint desktop =
        DockerEndpoint.unix("/home/me/.docker/desktop/docker.sock", "current context");
    assertThat(
            DaemonSocket.toMount(
                DEFAULT, desktop, new DaemonKind(Kind.DOCKER_DESKTOP, "27", "1.47", false)))
        .isEqualTo(DEFAULT);
  }
}
