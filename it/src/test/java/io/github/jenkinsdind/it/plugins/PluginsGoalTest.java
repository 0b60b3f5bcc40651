package io.github.jenkinsdind.it.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jenkinsdind.it.maven.TestProject;
import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin parameters of the build goal and the plugin-updates goal, run by Maven on a user's
 * project (the {@code build} test project, with every Jenkins setting given as a {@code -D}
 * property and no docker CLI plugins, so that nothing is downloaded from outside loopback).
 */
class PluginsGoalTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static TestServices services;
  private static DockerCliServer cliServer;

  @TempDir Path work;

  @BeforeAll
  static void services() {
    services = TestServices.get().requireRunning();
    cliServer = DockerCliServer.start();
  }

  @AfterAll
  static void stop() {
    cliServer.close();
  }

  @Test
  void buildWritesTheLockAndTheLockRebuildsTheSameImageWithTheUpdateCenterDown() throws Exception {
    String base = PluginBases.push(work.resolve("base"), "2.452.1");
    String image =
        services.plainRegistry()
            + "/it-maven/plugins-"
            + UUID.randomUUID().toString().substring(0, 8)
            + ":1.0";
    Path casc = Files.writeString(work.resolve("jenkins.yaml"), "jenkins: {}\n");
    TestProject project =
        TestProject.build(work, base, image, cliServer.urlTemplate(), work.resolve("cache"));
    List<String> common =
        List.of(
            "-Djenkins-dind.target=registry",
            "-Djenkins-dind.cliPlugins=none",
            "-Djenkins-dind.plugins=git,configuration-as-code:1.0",
            "-Djenkins-dind.casc=" + casc,
            "-Djenkins-dind.skipSetupWizard=true");

    StandInUpdateCenter center = PluginsImageTest.updateCenter();
    String digest;
    try {
      TestProject.MavenRun run =
          project
              .mvn(
                  concat(common, "package", "-Djenkins-dind.updateCenterUrl=" + center.centerUrl()))
              .assertSucceeded();
      assertThat(run.log())
          .contains("Downloading 4 Jenkins plugin(s)")
          .contains("Jenkins 2.452.1 in the base (JENKINS_VERSION)")
          .contains("plugins.lock");
      digest = Files.readString(project.file("target/jenkins-dind/image.digest")).trim();
      JsonNode json =
          JSON.readTree(Files.readString(project.file("target/jenkins-dind/image.json")));
      assertThat(json.path("jenkinsVersion").asText()).isEqualTo("2.452.1");
      assertThat(json.path("plugins")).hasSize(4);
      assertThat(Files.readAllLines(project.file("target/jenkins-dind/plugins.lock")))
          .filteredOn(l -> !l.startsWith("#"))
          .hasSize(4)
          .anySatisfy(l -> assertThat(l).startsWith("git 5.2.0 "));

      TestProject.MavenRun updates =
          project
              .mvn(
                  "jenkins-dind:plugin-updates",
                  "-Djenkins-dind.updateCenterUrl=" + center.centerUrl(),
                  "-Djenkins-dind.cacheDirectory=" + work.resolve("cache"))
              .assertSucceeded();
      assertThat(updates.log())
          .contains("2 plugin update(s) for ")
          .contains("configuration-as-code 1.0 -> 2.0")
          .contains("credentials 1.0 -> 1.1");
    } finally {
      center.stop();
    }

    Path lock =
        Files.copy(project.file("target/jenkins-dind/plugins.lock"), work.resolve("p.lock"));
    project
        .mvn(
            concat(
                common,
                "package",
                "-Djenkins-dind.pluginsLockFile=" + lock,
                "-Djenkins-dind.updateCenterUrl=" + center.centerUrl()))
        .assertSucceeded();
    assertThat(Files.readString(project.file("target/jenkins-dind/image.digest")).trim())
        .isEqualTo(digest);
  }

  private static String[] concat(List<String> common, String... more) {
    return java.util.stream.Stream.concat(common.stream(), List.of(more).stream())
        .toArray(String[]::new);
  }
}
