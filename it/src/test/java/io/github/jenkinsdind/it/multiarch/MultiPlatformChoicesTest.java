package io.github.jenkinsdind.it.multiarch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.BuildResult;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.DockerCli;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsDind;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.ForeignBinaries;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.MultiPlatformBases;
import io.github.jenkinsdind.it.support.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a multi-platform build chooses its platforms and each platform's binaries, against the
 * multi-platform stand-in bases (linux/amd64 and arm64; amd64, arm64 and ppc64le as an OCI index;
 * each platform with its own busybox) and the loopback CLI server: {@code platforms=all},
 * per-architecture local files and pins, and the docker target's one platform. Checked with skopeo,
 * umoci and docker, not with the code under test.
 */
class MultiPlatformChoicesTest {
  private static final ImagePlatform AMD64 = ImagePlatform.LINUX_AMD64;
  private static final ImagePlatform ARM64 = new ImagePlatform("linux", "arm64");

  private static DockerCliServer server;
  private static final List<String> daemonImages = new ArrayList<>();

  @TempDir static Path downloads;
  @TempDir Path temp;

  private final List<Event> events = new ArrayList<>();

  @BeforeAll
  static void start() {
    TestServices.get().requireRunning();
    server = DockerCliServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
    for (String image : daemonImages) {
      Commands.run(PlatformChecks.TIMEOUT, "docker", "image", "rm", "--force", image);
    }
  }

  private BuildRequest.Builder request() {
    return request(
        JenkinsBaseImages.inRegistry(JenkinsBaseImages.Variant.MULTI_PLATFORM).reference());
  }

  /** The three-platform stand-in (amd64, arm64, ppc64le) as one OCI index. */
  private BuildRequest.Builder threePlatforms() {
    return request(
        MultiPlatformBases.inRegistry(MultiPlatformBases.ALL, ImageFormat.OCI).reference());
  }

  private BuildRequest.Builder request(String base) {
    return BuildRequest.from(base)
        .dockerCli(
            DockerCli.download(DockerCliServer.VERSION).withUrlTemplate(server.urlTemplate()))
        .cliPlugins(List.of())
        .dockerGid(4242)
        .allowInsecureRegistries(true)
        .cacheDirectory(temp.resolve("cache"));
  }

  private static String image(String name) {
    return TestServices.get().plainRegistry()
        + "/it-multiarch/"
        + name
        + "-"
        + UUID.randomUUID().toString().substring(0, 8)
        + ":1.0";
  }

  private static boolean exists(String reference) {
    return Commands.run(
            PlatformChecks.TIMEOUT,
            "skopeo",
            "inspect",
            "--raw",
            "--tls-verify=false",
            "docker://" + reference)
        .succeeded();
  }

  private List<String> warnings() {
    return events.stream()
        .filter(e -> e instanceof Event.Log log && log.level() == Event.Level.WARN)
        .map(e -> ((Event.Log) e).message())
        .toList();
  }

  private String messages() {
    return String.join(
        "\n",
        events.stream()
            .filter(e -> e instanceof Event.Log)
            .map(e -> ((Event.Log) e).message())
            .toList());
  }

  private void checkCli(String image, String arch) throws Exception {
    Path rootfs =
        PlatformChecks.rootfs(
            "docker://" + image, arch, Files.createDirectories(temp.resolve("rootfs-" + arch)));
    assertThat(ForeignBinaries.elfMachine(rootfs.resolve("usr/local/bin/docker")))
        .as("the %s image's docker CLI", arch)
        .isEqualTo(ForeignBinaries.expectedMachine(arch));
    assertThat(Files.readString(rootfs.resolve("etc/group"))).contains("docker:x:4242:jenkins");
  }

  @Test
  void allBuildsEveryPlatformOfTheBaseThatACliIsPublishedFor() throws Exception {
    String image = image("all");

    BuildResult result =
        JenkinsDind.build(
            threePlatforms().allPlatforms().to(ImageTarget.registry(image, Set.of())).build(),
            events::add);

    JsonNode index = PlatformChecks.json(PlatformChecks.raw("docker://" + image));
    assertThat(index.get("manifests")).hasSize(3);
    assertThat(result.platformDigests().keySet())
        .containsExactlyInAnyOrder("linux/amd64", "linux/arm64", "linux/ppc64le");
    for (String arch : List.of("amd64", "arm64", "ppc64le")) {
      assertThat(result.platformDigests().get("linux/" + arch))
          .isEqualTo(PlatformChecks.digestOf(index, arch));
    }
    checkCli(image, "ppc64le");
    assertThat(warnings()).isEmpty();
    assertThat(messages())
        .contains("platforms=all: building linux/amd64, linux/arm64, linux/ppc64le");
  }

  @Test
  void localFilesByArchitectureServeTheirPlatformsAndAllLeavesTheOthersOutWithAWarning()
      throws Exception {
    Path x86 = ServedClis.fetch(server, "x86_64", downloads.resolve("files"));
    Path aarch64 = ServedClis.fetch(server, "aarch64", downloads.resolve("files"));
    String image = image("files");
    int before = server.requestCount();

    BuildResult result =
        JenkinsDind.build(
            threePlatforms()
                .allPlatforms()
                .dockerCli(
                    DockerCli.download(DockerCliServer.VERSION)
                        .withUrlTemplate(server.urlTemplate())
                        .withLocalFiles(Map.of("amd64", x86, "arm64", aarch64)))
                .to(ImageTarget.registry(image, Set.of()))
                .build(),
            events::add);

    assertThat(result.platformDigests().keySet()).containsExactly("linux/amd64", "linux/arm64");
    assertThat(PlatformChecks.json(PlatformChecks.raw("docker://" + image)).get("manifests"))
        .hasSize(2);
    checkCli(image, "amd64");
    checkCli(image, "arm64");
    assertThat(server.requestCount()).as("nothing downloaded").isEqualTo(before);
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains("platforms=all leaves out linux/ppc64le")
        .contains("no local file");
  }

  @Test
  void pinsByArchitectureAreCheckedPerPlatformAndASwappedPairPushesNothing() throws Exception {
    String amd64 = DockerCliServer.tarballSha256();
    String arm64 = ServedClis.sha256(server, "aarch64", downloads.resolve("pins"));
    String image = image("pins");
    BuildResult result =
        JenkinsDind.build(
            request()
                .platforms(List.of(AMD64, ARM64))
                .dockerCli(
                    DockerCli.download(DockerCliServer.VERSION)
                        .withUrlTemplate(server.urlTemplate())
                        .withSha256("amd64=" + amd64 + ",arm64=" + arm64))
                .to(ImageTarget.registry(image, Set.of()))
                .build(),
            events::add);
    assertThat(result.platformDigests()).hasSize(2);

    String swapped = image("swapped");
    JenkinsDindException e =
        catchThrowableOfType(
            JenkinsDindException.class,
            () ->
                JenkinsDind.build(
                    request()
                        .platforms(List.of(AMD64, ARM64))
                        .dockerCli(
                            DockerCli.download(DockerCliServer.VERSION)
                                .withUrlTemplate(server.urlTemplate())
                                .withSha256("amd64=" + amd64 + ",arm64=" + amd64))
                        .to(ImageTarget.registry(swapped, Set.of()))
                        .build(),
                    event -> {}));
    assertThat(e.setting()).contains(Setting.DOCKER_CLIENT_SHA256);
    assertThat(e.getMessage()).contains(arm64);
    assertThat(exists(swapped)).as("the tag").isFalse();
    assertThat(exists(swapped.replace(":1.0", ":1.0-linux-amd64")))
        .as("the amd64 platform, which was fine, is not pushed either")
        .isFalse();
  }

  @Test
  void aBarePinForTwoPlatformsIsRefusedBeforeAnythingIsRead() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                JenkinsDind.build(
                    request()
                        .platforms(List.of(AMD64, ARM64))
                        .dockerCli(
                            DockerCli.download(DockerCliServer.VERSION)
                                .withUrlTemplate(server.urlTemplate())
                                .withSha256(DockerCliServer.tarballSha256()))
                        .to(ImageTarget.registry(image("bare"), Set.of()))
                        .build(),
                    event -> {}));

    assertThat(e.setting()).contains(Setting.DOCKER_CLIENT_SHA256);
    assertThat(e.suggestion().orElseThrow()).contains("amd64=…,arm64=…");
  }

  @Test
  void allIsRefusedForADaemonBaseNamingPlatforms() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                JenkinsDind.build(
                    BuildRequest.from("docker://jenkins-dind-it/no-such-base:1")
                        .allPlatforms()
                        .cliPlugins(List.of())
                        .cacheDirectory(temp.resolve("cache"))
                        .to(ImageTarget.tarFile("example/jenkins:1", temp.resolve("j.tar")))
                        .build(),
                    event -> {}));

    assertThat(e.setting()).contains(Setting.PLATFORMS);
    assertThat(e.getMessage()).contains("is one image of one platform");
    assertThat(temp.resolve("j.tar")).doesNotExist();
  }

  @Test
  void aDockerTargetLoadsTheDaemonsOwnPlatformAndSaysWhichWereNotBuilt() throws Exception {
    String image =
        "jenkins-dind-it/multiarch-daemon:" + UUID.randomUUID().toString().substring(0, 8);
    daemonImages.add(image);
    String daemonArch =
        Commands.stdout(PlatformChecks.TIMEOUT, "docker", "info", "--format", "{{.Architecture}}")
            .trim();
    assertThat(daemonArch).as("the shared dockerd's architecture").isEqualTo("x86_64");

    JenkinsDind.build(
        request()
            .platforms(List.of(ARM64, AMD64))
            .platform(ARM64)
            .to(ImageTarget.dockerDaemon(image, Set.of()))
            .build(),
        events::add);

    assertThat(
            Commands.stdout(
                    PlatformChecks.TIMEOUT,
                    "docker",
                    "image",
                    "inspect",
                    "--format",
                    "{{.Os}}/{{.Architecture}}",
                    image)
                .trim())
        .isEqualTo("linux/amd64");
    assertThat(messages())
        .contains("building and loading linux/amd64 (the daemon's own platform)")
        .contains("not built or loaded: linux/arm64");
  }
}
