package io.github.jenkinsdind.it.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.CheckRequest;
import io.github.jenkinsdind.core.api.CheckResult;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.RunRequest;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.container.DockerCheck;
import io.github.jenkinsdind.core.internal.container.JenkinsRun;
import io.github.jenkinsdind.core.internal.container.RunPlan;
import io.github.jenkinsdind.core.internal.daemon.DaemonKind;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import io.github.jenkinsdind.it.support.Commands;
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
 * {@code check} with its own words. {@code run} is refused with the daemon's own answer: this
 * rootless dockerd shares the host's network (rootlesskit {@code --net=host}, because {@code
 * /dev/net/tun} is root's alone here) and so has no bridge network and publishes no port.
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

  @Test
  void runSaysWhyThisRootlessDaemonCannotPublishJenkinsAndCreatesNothing() throws Exception {
    Path socket = Engines.get().rootlessSocket();
    String image = ProbeImage.into("unix://" + socket);
    String name = "jd-rootless-run-" + Long.toString(System.currentTimeMillis(), 36);
    Map<String, String> env = Map.of("XDG_RUNTIME_DIR", socket.getParent().toString());
    try (Engine engine = Engine.connect(Optional.empty(), env, home, events)) {
      RunPlan plan = RunPlan.of(RunRequest.of(image).containerName(name).waitSeconds(30).build());
      assertThatThrownBy(() -> JenkinsRun.run(engine, plan, events))
          .isInstanceOfSatisfying(
              EnvironmentException.class,
              e -> {
                System.out.println("rootless run: " + e.getMessage() + " / " + e.suggestion());
                assertThat(e.getMessage())
                    .startsWith("The Docker daemon at unix://" + socket + " is rootless Docker ")
                    .contains("has no bridge network (its networks: host, none)")
                    .contains("publish none of its ports (8080:8080/tcp, 50000:50000/tcp)")
                    .contains("rootlesskit shares the host's network (--net=host)");
                assertThat(e.setting()).contains(Setting.DOCKER_HOST);
                assertThat(e.suggestion().orElseThrow()).contains("slirp4netns");
              });
      assertThat(events.messages())
          .anyMatch(
              m ->
                  m.startsWith("Running on rootless Docker ")
                      && m.contains("the socket mounted is " + socket + ", its own")
                      && m.contains("containers see its socket as owned by root (uid 0)"));
    }
    for (String[] what :
        new String[][] {{"container", "inspect", name}, {"volume", "inspect", name + "_home"}}) {
      assertThat(
              Commands.of("docker", what[0], what[1], what[2])
                  .env("DOCKER_HOST", "unix://" + socket)
                  .run()
                  .succeeded())
          .as("no %s %s was made", what[0], what[2])
          .isFalse();
    }
  }
}
