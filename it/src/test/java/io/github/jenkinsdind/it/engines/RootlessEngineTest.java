package io.github.jenkinsdind.it.engines;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.CheckRequest;
import io.github.jenkinsdind.core.api.CheckResult;
import io.github.jenkinsdind.core.internal.container.DockerCheck;
import io.github.jenkinsdind.core.internal.daemon.DaemonKind;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rootless Docker (Debian's rootlesskit and dockerd-rootless.sh) run by another, unprivileged user:
 * found through {@code $XDG_RUNTIME_DIR/docker.sock} alone, recognised as rootless, and judged by
 * {@code check} with its own words.
 */
class RootlessEngineTest {
  @TempDir Path home;

  private final Recorder events = new Recorder();

  @Test
  void theRootlessSocketIsFoundRecognisedAndChecked() throws Exception {
    Path socket = Engines.get().rootlessSocket();
    PosixFileAttributes attributes = Files.readAttributes(socket, PosixFileAttributes.class);
    assertThat(attributes.owner().getName()).isNotEqualTo("root");
    String image = ProbeImage.into("unix://" + socket);
    Map<String, String> env = Map.of("XDG_RUNTIME_DIR", socket.getParent().toString());
    try (Engine engine = Engine.connect(Optional.empty(), env, home, events)) {
      assertThat(engine.endpoint().localSocket()).contains(socket.toString());
      assertThat(engine.endpoint().reason())
          .startsWith("rootless socket $XDG_RUNTIME_DIR/docker.sock");
      DaemonKind kind = DaemonKind.of(engine);
      assertThat(kind.kind()).isEqualTo(DaemonKind.Kind.ROOTLESS_DOCKER);
      assertThat(kind.rootless()).isTrue();

      CheckResult none =
          DockerCheck.check(
              engine,
              new CheckRequest(image, "/var/run/docker.sock", "none").withToolchain(false),
              events);
      System.out.println("rootless, groupAdd=none: " + none.diagnosis() + " / " + none.fix());
      assertThat(none.passed()).isFalse();
      assertThat(none.diagnosis())
          .contains("Permission denied on " + socket)
          .contains("rootless Docker")
          .contains("containers see as root (uid 0)");

      CheckResult auto =
          DockerCheck.check(engine, CheckRequest.of(image).withToolchain(false), events);
      System.out.println("rootless, groupAdd=auto: " + auto.diagnosis() + " / " + auto.fix());
      assertThat(auto.socketGid()).isPresent();
      assertThat(auto.passed()).as(auto.diagnosis()).isTrue();
    }
  }
}
