package io.github.jenkinsdind.it.engines;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import io.github.jenkinsdind.core.api.CheckRequest;
import io.github.jenkinsdind.core.api.CheckResult;
import io.github.jenkinsdind.core.internal.container.DockerCheck;
import io.github.jenkinsdind.core.internal.daemon.DaemonKind;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import io.github.jenkinsdind.core.internal.jib.JibDockerClient;
import io.github.jenkinsdind.it.support.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Podman's Docker-compatible API service (Debian's podman 4.3), on a socket of its own, pointed at
 * with {@code DOCKER_HOST} as RHEL and Fedora users do: the core connects, recognises Podman, and
 * {@code check} runs its probe and {@code docker version} in Podman containers with Podman's own
 * socket mounted.
 */
class PodmanEngineTest {
  @TempDir Path home;

  private final Recorder events = new Recorder();

  @Test
  void theCoreRecognisesPodmanAndCheckJudgesAnImageAgainstIt() throws Exception {
    Path socket = Engines.get().podmanSocket();
    String host = "unix://" + socket;
    String image = ProbeImage.into(host);
    try (Engine engine =
        Engine.connect(Optional.empty(), Map.of("DOCKER_HOST", host), home, events)) {
      DaemonKind kind = DaemonKind.of(engine);
      assertThat(kind.kind()).isEqualTo(DaemonKind.Kind.PODMAN);
      assertThat(kind.rootless()).isFalse();
      assertThat(kind.describe()).startsWith("Podman 4.").contains("rootful, Docker API 1.");

      CheckResult result =
          DockerCheck.check(engine, CheckRequest.of(image).withToolchain(false), events);
      System.out.println("check through Podman: " + result.diagnosis() + " / " + result.fix());
      assertThat(events.messages())
          .anyMatch(
              m -> m.contains("can drive Podman 4.") && m.contains("through the socket " + socket));
      // The service made its socket root:root 0600: GID 0 is added, but the mode lets no group in
      assertThat(result.socketGid()).hasValue(0L);
      assertThat(result.groupsAdded()).containsExactly(0L);
      assertThat(result.passed()).isFalse();
      assertThat(result.diagnosis())
          .contains("Permission denied on " + socket)
          .contains("mode is 600");
      assertThat(result.fix().orElseThrow().toString()).contains("chmod 660");

      // As Podman's packaged podman.socket makes it (SocketMode=0660): groupAdd=auto adds GID 0
      Set<PosixFilePermission> before = Files.getPosixFilePermissions(socket);
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
      try {
        CheckResult pass =
            DockerCheck.check(engine, CheckRequest.of(image).withToolchain(false), events);
        assertThat(pass.passed()).as(pass.diagnosis()).isTrue();
        assertThat(pass.diagnosis())
            .contains("reached Podman " + kind.version())
            .contains("the container's user is in group root");
      } finally {
        Files.setPosixFilePermissions(socket, before);
      }
    }
  }

  @Test
  void anImageIsLoadedIntoPodmanTheWayTargetDockerLoadsIt() throws Exception {
    Path socket = Engines.get().podmanSocket();
    String host = "unix://" + socket;
    Path file = Files.writeString(home.resolve("hello.txt"), "hello from jenkins-dind\n");
    String name = "jenkins-dind-it/engines-target:1";
    try (Engine engine =
        Engine.connect(Optional.empty(), Map.of("DOCKER_HOST", host), home, events)) {
      JibContainer built =
          Jib.fromScratch()
              .addLayer(List.of(file), AbsoluteUnixPath.get("/"))
              .containerize(
                  Containerizer.to(
                          new JibDockerClient(engine, Set.of(), events),
                          DockerDaemonImage.named(name))
                      .setBaseImageLayersCache(home.resolve("jib-base"))
                      .setApplicationLayersCache(home.resolve("jib-app")));
      assertThat(built.getImageId().toString()).startsWith("sha256:");
      assertThat(engine.image(name)).isPresent();
    } finally {
      Commands.of("docker", "rmi", name).env("DOCKER_HOST", host).run();
    }
  }
}
