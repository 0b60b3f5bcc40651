package io.github.jenkinsdind.it.maven;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jenkinsdind.it.maven.TestProject.MavenRun;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.TestServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code build} goal run by Maven on a user's project (the quick-start execution, phase
 * package): each target, {@code -D} overrides, offline mode, skip and the help goal. Results are
 * checked with docker and skopeo, not with the plugin's own code.
 */
class BuildGoalTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path cache;

  private static DockerCliServer cliServer;
  private static TestServices services;
  private static String base;
  private static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);
  private static final List<String> daemonImages = new ArrayList<>();

  @TempDir Path work;

  @BeforeAll
  static void services() {
    services = TestServices.get().requireRunning();
    base = JenkinsBaseImages.inRegistry(JenkinsBaseImages.Variant.PLAIN).reference();
    cliServer = DockerCliServer.start();
  }

  @AfterAll
  static void cleanUp() {
    if (cliServer != null) {
      cliServer.close();
    }
    for (String image : daemonImages) {
      Commands.run(TIMEOUT, "docker", "image", "rm", "--force", image);
    }
  }

  /** The build project, building {@code image} from the plain fixture, with a private cache. */
  private TestProject project(String image) {
    return TestProject.build(work, base, image, cliServer.urlTemplate(), cache);
  }

  private static String daemonImage(String name) {
    String image = "jenkins-dind-it/" + name + ":" + RUN_ID;
    daemonImages.add(image);
    return image;
  }

  private static String registryImage(String name, String tag) {
    return services.plainRegistry() + "/it-maven/" + name + "-" + RUN_ID + ":" + tag;
  }

  private static JsonNode resultJson(TestProject project) throws IOException {
    return JSON.readTree(Files.readString(project.file("target/jenkins-dind/image.json")));
  }

  private static String resultFile(TestProject project, String name) throws IOException {
    return Files.readString(project.file("target/jenkins-dind/" + name)).trim();
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  /**
   * Runs a shell command in the image as its own user (jenkins), with the Docker socket mounted.
   */
  private static String runInImage(String image, String script) {
    return Commands.stdout(
        TIMEOUT,
        "docker",
        "run",
        "--rm",
        "-v",
        services.dockerSocket() + ":/var/run/docker.sock",
        "--entrypoint",
        "/bin/sh",
        image,
        "-c",
        script);
  }

  @Test
  void packageBuildsIntoTheDockerDaemonByDefault() throws Exception {
    String image = daemonImage("default");
    TestProject project = project(image);

    MavenRun run = project.mvn("package").assertSucceeded();

    String id = resultFile(project, "image.id");
    String digest = resultFile(project, "image.digest");
    assertThat(run.log())
        .contains(
            "--- jenkins-dind-maven-plugin:" + TestProject.pluginVersion() + ":build (default)")
        .contains("Image: " + image + "@" + digest + " (target docker")
        .contains(
            "Result files: "
                + project.file("target/jenkins-dind")
                + " (image.digest, image.id, image.json)");
    assertThat(Commands.stdout(TIMEOUT, "docker", "image", "inspect", "--format", "{{.Id}}", image))
        .isEqualTo(id);
    assertThat(
            Commands.stdout(
                TIMEOUT,
                "docker",
                "image",
                "inspect",
                "--format",
                "{{index .Config.Labels \"org.opencontainers.image.source\"}}",
                image))
        .isEqualTo("https://example.invalid/jenkins-ci");
    JsonNode json = resultJson(project);
    assertThat(json.get("image").asText()).isEqualTo(image);
    assertThat(json.get("target").asText()).isEqualTo("docker");
    assertThat(json.get("digest").asText()).isEqualTo(digest).startsWith("sha256:");
    assertThat(json.get("imageId").asText()).isEqualTo(id);
    assertThat(json.get("dockerGid").asLong()).isEqualTo(999);
    assertThat(json.get("dockerCliVersion").asText()).isEqualTo(DockerCliServer.VERSION);

    String inside = runInImage(image, "id; docker --version");
    assertThat(inside)
        .contains("uid=1000(jenkins)")
        .contains("999(docker)")
        .contains("Docker version " + DockerCliServer.VERSION);
  }

  @Test
  void withoutTheDaemonPullingTheBaseTheBuildDownloadsItAndLoadsTheWholeImage() throws Exception {
    String image = daemonImage("no-daemon-pull");
    TestProject project = project(image);

    MavenRun run = project.mvn("package", "-Djenkins-dind.daemonPullsBase=false").assertSucceeded();

    assertThat(run.log())
        .doesNotContain("The Docker daemon pulls the base")
        .doesNotContain("already holds the")
        .doesNotContain("of the Docker daemon's copy")
        .contains("Image: " + image + "@");
    assertThat(Commands.stdout(TIMEOUT, "docker", "image", "inspect", "--format", "{{.Id}}", image))
        .isEqualTo(resultFile(project, "image.id"));
  }

  @Test
  void commandLineOverridesPushToARegistryWithTagsAndTheSocketGid() throws Exception {
    String image = registryImage("overrides", "1.0.0");
    TestProject project = project("not-used/by-this-run:0");
    long socketGid = services.dockerSocketGid();

    MavenRun run =
        project
            .mvn(
                "package",
                "-Djenkins-dind.target=registry",
                "-Djenkins-dind.image=" + image,
                "-Djenkins-dind.tags=edge,latest",
                "-Djenkins-dind.dockerGid=auto",
                "-Djenkins-dind.dockerGroup=dockerhost")
            .assertSucceeded();

    String digest = resultFile(project, "image.digest");
    assertThat(run.log())
        .contains(
            "Image: " + image + "@" + digest + " (target registry, tags: 1.0.0, edge, latest)");
    String repository = image.substring(0, image.lastIndexOf(':'));
    for (String tag : List.of("1.0.0", "edge", "latest")) {
      JsonNode inspected =
          JSON.readTree(
              Commands.stdout(
                  TIMEOUT,
                  "skopeo",
                  "inspect",
                  "--tls-verify=false",
                  "docker://" + repository + ":" + tag));
      assertThat(inspected.get("Digest").asText()).as(tag).isEqualTo(digest);
      assertThat(inspected.get("Labels").get("org.opencontainers.image.source").asText())
          .isEqualTo("https://example.invalid/jenkins-ci");
    }
    JsonNode json = resultJson(project);
    assertThat(json.get("target").asText()).isEqualTo("registry");
    assertThat(texts(json.get("tags"))).contains("edge", "latest");
    assertThat(json.get("dockerGid").asLong()).isEqualTo(socketGid);

    daemonImages.add(image);
    String inside = runInImage(image, "id; docker version --format '{{.Server.Version}}'");
    assertThat(inside)
        .contains(socketGid + "(dockerhost)")
        .contains(services.dockerServerVersion());
  }

  @Test
  void tarTargetThenOfflineBuildsFromTheCache() throws Exception {
    TestProject project = project("jenkins-dind-it/tar:" + RUN_ID);

    project.mvn("package", "-Djenkins-dind.target=tar").assertSucceeded();

    Path tar = project.file("target/jenkins-dind-image.tar");
    assertThat(tar).isRegularFile();
    JsonNode manifest =
        JSON.readTree(Commands.stdout(TIMEOUT, "tar", "-xOf", tar.toString(), "manifest.json"));
    assertThat(texts(manifest.get(0).get("RepoTags")))
        .containsExactly("jenkins-dind-it/tar:" + RUN_ID);
    JsonNode archive =
        JSON.readTree(Commands.stdout(TIMEOUT, "skopeo", "inspect", "docker-archive:" + tar));
    assertThat(archive.get("Labels").get("org.opencontainers.image.source").asText())
        .isEqualTo("https://example.invalid/jenkins-ci");
    assertThat(resultJson(project).get("target").asText()).isEqualTo("tar");
    int downloads = cliServer.tarballRequestCount();

    String offlineImage = daemonImage("offline");
    MavenRun offline =
        project.mvn("-o", "package", "-Djenkins-dind.image=" + offlineImage).assertSucceeded();
    assertThat(offline.log()).contains("Image: " + offlineImage + "@");
    assertThat(Commands.run(TIMEOUT, "docker", "image", "inspect", offlineImage).succeeded())
        .isTrue();
    assertThat(cliServer.tarballRequestCount())
        .as("the offline build downloads nothing")
        .isEqualTo(downloads);

    String pushed = registryImage("offline", "1");
    MavenRun push =
        project
            .mvn(
                "-o", "package", "-Djenkins-dind.target=registry", "-Djenkins-dind.image=" + pushed)
            .assertFailed();
    assertThat(push.log())
        .contains("The build is offline, but a registry target needs the network to push")
        .contains("Setting: Maven's offline mode, -o on the command line (now: true)")
        .contains("  Perhaps you should build without Maven's offline mode (-o)")
        .contains("<target>docker</target> (-Djenkins-dind.target=docker)");
    assertThat(
            Commands.run(TIMEOUT, "skopeo", "inspect", "--tls-verify=false", "docker://" + pushed)
                .succeeded())
        .as("nothing pushed")
        .isFalse();
  }

  @Test
  void skipIsHonouredBeforeAnythingElse() {
    TestProject project = project("jenkins-dind-it/skipped:" + RUN_ID);

    MavenRun run =
        project
            .mvn(
                "package",
                "-Djenkins-dind.skip=true",
                "-Djenkins-dind.target=nowhere",
                "-Djenkins-dind.dockerGid=not-a-number")
            .assertSucceeded();

    assertThat(run.log()).contains("Skipping jenkins-dind:build (skip is true)");
    assertThat(project.file("target/jenkins-dind")).doesNotExist();
  }

  @Test
  void helpListsTheGoalsAndTheBuildParameters() {
    TestProject project = project("jenkins-dind-it/help:" + RUN_ID);

    MavenRun help = project.mvn("jenkins-dind:help", "-Ddetail=true").assertSucceeded();

    assertThat(help.log())
        .contains("jenkins-dind:build")
        .contains("jenkins-dind:help")
        .contains("User property: jenkins-dind.dockerGid")
        .contains("User property: jenkins-dind.requireDockerClientSha256")
        .contains("User property: jenkins-dind.cacheDirectory")
        .contains("labels");
  }
}
