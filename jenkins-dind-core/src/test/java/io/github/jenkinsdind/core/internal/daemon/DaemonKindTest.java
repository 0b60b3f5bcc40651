package io.github.jenkinsdind.core.internal.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.internal.daemon.DaemonKind.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kind of daemon from real-looking {@code version} and {@code info} answers. */
class DaemonKindTest {
  @Test
  void debiansDockerEngine() {
    DaemonKind kind =
        DaemonKind.classify(
            "",
            List.of("Engine", "containerd", "runc", "docker-init"),
            "20.10.24+dfsg1",
            "1.41",
            "Debian GNU/Linux 12 (bookworm)",
            List.of("name=seccomp,profile=default", "name=cgroupns"));
    assertThat(kind.kind()).isEqualTo(Kind.DOCKER_ENGINE);
    assertThat(kind.rootless()).isFalse();
    assertThat(kind.describe()).isEqualTo("Docker Engine 20.10.24+dfsg1 (Docker API 1.41)");
  }

  @Test
  void rootlessDocker() {
    DaemonKind kind =
        DaemonKind.classify(
            "Docker Engine - Community",
            List.of("Engine", "containerd", "runc", "docker-init"),
            "27.3.1",
            "1.47",
            "Ubuntu 24.04.1 LTS",
            List.of("name=seccomp,profile=builtin", "name=rootless", "name=cgroupns"));
    assertThat(kind.kind()).isEqualTo(Kind.ROOTLESS_DOCKER);
    assertThat(kind.rootless()).isTrue();
  }

  @Test
  void dockerDesktop() {
    DaemonKind kind =
        DaemonKind.classify(
            "Docker Desktop 4.34.2 (167172)",
            List.of("Engine", "containerd", "runc", "docker-init"),
            "27.2.0",
            "1.47",
            "Docker Desktop",
            List.of("name=seccomp,profile=unconfined", "name=cgroupns"));
    assertThat(kind.kind()).isEqualTo(Kind.DOCKER_DESKTOP);
  }

  @Test
  void podmanRootfulAndRootless() {
    DaemonKind rootful =
        DaemonKind.classify(
            "linux/amd64/debian-12",
            List.of("Podman Engine", "Conmon", "OCI Runtime (runc)"),
            "4.3.1",
            "1.41",
            "debian",
            List.of("name=seccomp,profile=default"));
    assertThat(rootful.kind()).isEqualTo(Kind.PODMAN);
    assertThat(rootful.rootless()).isFalse();
    assertThat(rootful.describe()).isEqualTo("Podman 4.3.1 (rootful, Docker API 1.41)");
    DaemonKind rootless =
        DaemonKind.classify(
            "linux/amd64/fedora-40",
            List.of("Podman Engine"),
            "5.2.2",
            "1.41",
            "fedora",
            List.of("name=seccomp,profile=default", "name=rootless"));
    assertThat(rootless.kind()).isEqualTo(Kind.PODMAN);
    assertThat(rootless.rootless()).isTrue();
  }
}
