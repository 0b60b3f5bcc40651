package io.github.jenkinsdind.it.maven;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jenkinsdind.it.maven.TestProject.MavenRun;
import io.github.jenkinsdind.it.support.CliPluginFiles;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.TestServices;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.maven.shared.verifier.VerificationException;
import org.apache.maven.shared.verifier.Verifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first set-up command, {@code ./mvnw -f examples/jenkins-image package}: the same
 * example project, run by Maven as a user would, but from the local stand-in base ({@code
 * -Djenkins-dind.from=}) and a local download site for the docker CLI instead of Docker Hub and
 * download.docker.com. The image is checked with docker, not with the plugin's own code.
 */
class ExampleProjectTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final Path EXAMPLE = Path.of("..", "examples", "jenkins-image");
  private static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);

  @TempDir Path work;

  @Test
  void theExampleBuildsAJenkinsImageThatDrivesTheHostsDaemon() throws Exception {
    TestServices services = TestServices.get().requireRunning();
    String base = JenkinsBaseImages.inRegistry(JenkinsBaseImages.Variant.PLAIN).reference();
    String image = "jenkins-dind-it/example:" + RUN_ID;
    Path project = copyExample();
    CliPluginFiles plugins = CliPluginFiles.get();
    try (DockerCliServer cli = DockerCliServer.start()) {
      List<String> overrides =
          List.of(
              "-Djenkins-dind-plugin.version=" + TestProject.pluginVersion(),
              "-Djenkins-dind.from=" + base,
              "-Djenkins-dind.allowInsecureRegistries=true",
              "-Djenkins-dind.image=" + image,
              "-Djenkins-dind.dockerClientUrl=" + cli.urlTemplate(),
              "-Djenkins-dind.dockerVersion=" + DockerCliServer.VERSION,
              // the CLI plugins are on by default: downloaded from the stand-in of their releases
              "-Djenkins-dind.buildxUrl=" + cli.buildxUrlTemplate(),
              "-Djenkins-dind.buildxVersion=" + plugins.buildxVersion(),
              "-Djenkins-dind.buildxSha256=" + CliPluginFiles.sha256(plugins.buildx()),
              "-Djenkins-dind.composeUrl=" + cli.composeUrlTemplate(),
              "-Djenkins-dind.composeVersion=" + plugins.composeVersion(),
              "-Djenkins-dind.composeSha256=" + CliPluginFiles.sha256(plugins.compose()),
              "-Djenkins-dind.cacheDirectory=" + work.resolve("cache"));

      MavenRun docker = mvn(project, "docker.log", overrides, "package").assertSucceeded();

      assertThat(docker.log()).contains("Image: " + image + "@").contains("(target docker");
      JsonNode json =
          new ObjectMapper()
              .readTree(Files.readString(project.resolve("target/jenkins-dind/image.json")));
      assertThat(json.get("image").asText()).isEqualTo(image);
      assertThat(json.get("baseImage").asText()).isEqualTo(base);
      assertThat(json.get("dockerCliVersion").asText()).isEqualTo(DockerCliServer.VERSION);
      assertThat(json.get("cliPlugins").findValuesAsText("name"))
          .containsExactly("buildx", "compose");
      assertThat(json.get("cliPlugins").findValuesAsText("sha256"))
          .containsExactly(
              CliPluginFiles.sha256(plugins.buildx()), CliPluginFiles.sha256(plugins.compose()));
      assertThat(cli.pluginRequestCount()).isEqualTo(2);
      assertThat(
              Commands.stdout(
                  TIMEOUT,
                  "docker",
                  "image",
                  "inspect",
                  "--format",
                  "{{index .Config.Labels \"org.opencontainers.image.title\"}}",
                  image))
          .isEqualTo("jenkins-dind example");
      String inside =
          Commands.stdout(
              TIMEOUT,
              "docker",
              "run",
              "--rm",
              "-v",
              services.dockerSocket() + ":/var/run/docker.sock",
              "--group-add",
              Integer.toString(services.dockerSocketGid()),
              "--entrypoint",
              "/bin/sh",
              image,
              "-c",
              "id; docker --version; docker version --format '{{.Server.Version}}';"
                  + " docker buildx version; docker compose version; docker-compose version");
      assertThat(inside)
          .contains("uid=1000(jenkins)")
          .contains("999(docker)")
          .contains("Docker version " + DockerCliServer.VERSION)
          .contains(services.dockerServerVersion())
          .contains("github.com/docker/buildx " + plugins.buildxVersion())
          .contains("Docker Compose version " + plugins.composeVersion());

      MavenRun tar =
          mvn(project, "tar.log", overrides, "package", "-Pno-docker-daemon").assertSucceeded();

      assertThat(tar.log()).contains("(target tar");
      assertThat(tarEntries(project.resolve("target/jenkins-dind-image.tar")))
          .contains("manifest.json");
    } finally {
      Commands.run(TIMEOUT, "docker", "image", "rm", "--force", image);
    }
  }

  /** Copies the example as it is in the repository (it has no tokens to fill in). */
  private Path copyExample() throws IOException {
    Path target = work.resolve("jenkins-image");
    try (Stream<Path> files = Files.walk(EXAMPLE)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path relative = EXAMPLE.relativize(file);
        if (relative.toString().startsWith("target")) {
          continue;
        }
        Path copy = target.resolve(relative.toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
    return target;
  }

  /** Runs Maven on the project with the Maven Verifier, as {@link TestProject} does. */
  private static MavenRun mvn(
      Path project, String logName, List<String> overrides, String... arguments)
      throws IOException {
    List<String> cli = new ArrayList<>(List.of("-B", "-ntp"));
    cli.addAll(List.of(arguments));
    cli.addAll(overrides);
    boolean succeeded;
    try {
      Verifier verifier = new Verifier(project.toString());
      verifier.setAutoclean(false);
      verifier.setForkJvm(true);
      verifier.setLogFileName(logName);
      verifier.addCliArguments(cli.toArray(String[]::new));
      try {
        verifier.execute();
        succeeded = true;
      } catch (VerificationException e) {
        succeeded = false;
      }
    } catch (VerificationException e) {
      throw new AssertionError("could not set up the Maven Verifier in " + project, e);
    }
    Path log = project.resolve(logName);
    return new MavenRun(cli, succeeded, Files.readString(log), log);
  }

  private static List<String> tarEntries(Path tar) throws IOException {
    List<String> names = new ArrayList<>();
    try (InputStream in = Files.newInputStream(tar);
        TarArchiveInputStream entries = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry entry = entries.getNextEntry();
          entry != null;
          entry = entries.getNextEntry()) {
        names.add(entry.getName());
      }
    }
    return names;
  }
}
