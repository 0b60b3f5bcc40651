package io.github.jenkinsdind.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.it.maven.TestProject;
import io.github.jenkinsdind.it.maven.TestProject.MavenRun;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Variant;
import io.github.jenkinsdind.it.support.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two modules of one reactor building their images at once ({@code mvn -T2}) with one, empty,
 * shared {@code cacheDirectory}: both download the docker CLI, read the base and fill Jib's caches
 * at the same time. Both succeed without Maven's thread-safety warning, each image is right (its
 * own GID, a working docker CLI, root-owned), and a second parallel build on the cache they wrote
 * gives the same digests.
 */
class ParallelReactorTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);
  private static final Map<String, Long> MODULES =
      Map.of("controller-a", 999L, "controller-b", 998L);

  private final List<String> loaded = new ArrayList<>();

  @TempDir Path work;

  @AfterEach
  void removeImages() {
    for (String image : loaded) {
      Commands.run(TIMEOUT, "docker", "image", "rm", "--force", image);
    }
  }

  @Test
  void twoModulesBuildAtOnceWithTheSameCaches() throws Exception {
    TestServices.get().requireRunning();
    String prefix = "jenkins-dind-it/reactor-" + RUN_ID;
    try (DockerCliServer cli = DockerCliServer.start()) {
      TestProject project =
          TestProject.copy(
              "reactor",
              work,
              Map.of(
                  "base", JenkinsBaseImages.inRegistry(Variant.PLAIN).reference(),
                  "cliUrl", cli.urlTemplate(),
                  "cliVersion", DockerCliServer.VERSION,
                  "cache", work.resolve("shared-cache").toString(),
                  "imagePrefix", prefix));

      MavenRun run = project.mvn("-T2", "package").assertSucceeded();

      assertThat(run.log())
          .contains("Using the MultiThreadedBuilder implementation with a thread count of 2")
          .doesNotContainIgnoringCase("not marked as thread-safe")
          .doesNotContainIgnoringCase("not marked as @threadSafe");
      Map<String, String> digests = new TreeMap<>();
      for (Map.Entry<String, Long> module : MODULES.entrySet()) {
        String name = module.getKey();
        String image = prefix + "-" + name + ":1.0.0";
        Path tar = project.file(name + "/target/jenkins-dind-image.tar");
        digests.put(
            name,
            Files.readString(project.file(name + "/target/jenkins-dind/image.digest")).trim());

        assertThat(Commands.stdout(TIMEOUT, "docker", "load", "-i", tar.toString()))
            .contains(image);
        loaded.add(image);
        String inside =
            Commands.stdout(
                TIMEOUT,
                "docker",
                "run",
                "--rm",
                "--entrypoint",
                "/bin/sh",
                image,
                "-c",
                "id; stat -c '%a %u:%g' /usr/local/bin/docker; docker --version");
        assertThat(inside)
            .as(name)
            .contains("uid=1000(jenkins)")
            .contains(module.getValue() + "(docker)")
            .contains("755 0:0")
            .contains("Docker version " + DockerCliServer.VERSION);
      }
      assertThat(digests.get("controller-a")).isNotEqualTo(digests.get("controller-b"));

      project.mvn("-T2", "package").assertSucceeded();
      for (String name : MODULES.keySet()) {
        assertThat(
                Files.readString(project.file(name + "/target/jenkins-dind/image.digest")).trim())
            .as("%s rebuilt on the cache both builds wrote at once", name)
            .isEqualTo(digests.get(name));
      }
    }
  }
}
