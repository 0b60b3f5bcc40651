package io.github.jenkinsdind.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.BuildResult;
import io.github.jenkinsdind.core.api.DockerCli;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsDind;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Variant;
import io.github.jenkinsdind.it.support.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unchanged rebuild is a check, not a build: against the real registry, dockerd and a tar file.
 * What the target holds is read with skopeo and the docker CLI, and the registry's access log shows
 * which requests the check made.
 */
class UpToDateTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static TestServices services;
  private static DockerCliServer cliServer;

  @TempDir Path temp;

  private final List<Event> events = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void services() {
    services = TestServices.get();
    services.requireRunning();
    cliServer = DockerCliServer.start();
  }

  @AfterAll
  static void stopCliServer() {
    cliServer.close();
  }

  private BuildRequest.Builder from(String base) {
    return BuildRequest.from(base)
        .cliPlugins(List.of())
        .dockerCli(
            DockerCli.download(DockerCliServer.VERSION).withUrlTemplate(cliServer.urlTemplate()))
        .allowInsecureRegistries(true)
        .cacheDirectory(temp.resolve("cache"));
  }

  private BuildResult build(BuildRequest request) throws JenkinsDindException {
    events.clear();
    return JenkinsDind.build(request, events::add);
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String digestOf(String image) throws Exception {
    return JSON.readTree(
            Commands.stdout(
                TIMEOUT, "skopeo", "inspect", "--tls-verify=false", "docker://" + image))
        .path("Digest")
        .asText();
  }

  /**
   * The requests (the access log's combined-format lines) since an offset that name one of the
   * repositories: other clients of the shared registry may be busy meanwhile.
   */
  private String logSince(long offset, String... repositories) throws Exception {
    Path log = services.plainRegistryLog().orElseThrow();
    byte[] all = Files.readAllBytes(log);
    return new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8)
        .lines()
        .filter(line -> line.startsWith("127.0.0.1 - "))
        .filter(
            line ->
                java.util.Arrays.stream(repositories)
                    .anyMatch(r -> line.contains("/v2/" + r + "/")))
        .collect(java.util.stream.Collectors.joining("\n"));
  }

  private long logSize() throws Exception {
    return Files.size(services.plainRegistryLog().orElseThrow());
  }

  private List<String> messages() {
    return events.stream().map(Event::toString).toList();
  }

  @Test
  void anUnchangedRegistryRebuildAsksAFewManifestsAndPullsNoBlob() throws Exception {
    JenkinsBaseImages.Built base = JenkinsBaseImages.inRegistry(Variant.PLAIN);
    String image = services.plainRegistry() + "/it/" + unique("uptodate") + ":1.0";
    String repository = image.substring(image.indexOf('/') + 1, image.lastIndexOf(':'));
    BuildRequest request =
        from(base.reference()).to(ImageTarget.registry(image, Set.of("latest"))).build();
    BuildResult first = build(request);
    assertThat(first.upToDate()).isFalse();
    long offset = logSize();

    BuildResult again = build(request);

    Thread.sleep(500); // the registry writes its log line after the answer
    String baseRepository =
        base.reference()
            .substring(base.reference().indexOf('/') + 1, base.reference().lastIndexOf(':'));
    String requests = logSince(offset, repository);
    assertThat(again.upToDate()).isTrue();
    assertThat(again.digest()).isEqualTo(first.digest());
    assertThat(again.imageId()).isEqualTo(first.imageId());
    assertThat(again.tags()).isEqualTo(first.tags());
    assertThat(messages()).anySatisfy(m -> assertThat(m).contains("Up to date: " + image));
    assertThat(requests)
        .as("no blob read, nothing pushed")
        .doesNotContain("/blobs/")
        .doesNotContain("\"PUT ")
        .doesNotContain("\"POST ")
        .doesNotContain("\"PATCH ");
    assertThat(requests.lines().filter(l -> l.contains("/manifests/")).count())
        .as("the image's two tags")
        .isEqualTo(2);
    assertThat(logSince(offset, baseRepository))
        .as("the base's tag was asked")
        .contains(
            "/manifests/" + base.reference().substring(base.reference().lastIndexOf(':') + 1));
    assertThat(requests)
        .contains("/v2/" + repository + "/manifests/1.0 ")
        .contains("/v2/" + repository + "/manifests/latest ");
  }

  @Test
  void aTagThatMovedIsPutBackWithoutABuild() throws Exception {
    JenkinsBaseImages.Built base = JenkinsBaseImages.inRegistry(Variant.PLAIN);
    String image = services.plainRegistry() + "/it/" + unique("retag") + ":1.0";
    String latest = image.substring(0, image.lastIndexOf(':')) + ":latest";
    BuildRequest request =
        from(base.reference()).to(ImageTarget.registry(image, Set.of("latest"))).build();
    BuildResult first = build(request);
    Commands.stdout(
        TIMEOUT,
        "skopeo",
        "copy",
        "--src-tls-verify=false",
        "--dest-tls-verify=false",
        "docker://" + base.reference(),
        "docker://" + latest);
    assertThat(digestOf(latest)).isNotEqualTo(first.digest());
    long offset = logSize();

    BuildResult again = build(request);

    Thread.sleep(500); // the registry writes its log line after the answer
    String repository = image.substring(image.indexOf('/') + 1, image.lastIndexOf(':'));
    String requests = logSince(offset, repository); // before skopeo reads the image below
    assertThat(again.upToDate()).isTrue();
    assertThat(digestOf(latest)).isEqualTo(first.digest());
    assertThat(digestOf(image)).isEqualTo(first.digest());
    assertThat(messages()).anySatisfy(m -> assertThat(m).contains("Tagged " + latest + " again"));
    assertThat(requests)
        .doesNotContain("/blobs/")
        .contains("\"PUT /v2/" + repository + "/manifests/latest ");
  }

  @Test
  void aChangedInputOrARebuildBuilds() throws Exception {
    JenkinsBaseImages.Built base = JenkinsBaseImages.inRegistry(Variant.PLAIN);
    String image = services.plainRegistry() + "/it/" + unique("changed") + ":1.0";
    BuildResult first =
        build(from(base.reference()).to(ImageTarget.registry(image, Set.of())).build());

    BuildResult labelled =
        build(
            from(base.reference())
                .to(ImageTarget.registry(image, Set.of()))
                .labels(Map.of("team", "ci"))
                .build());
    BuildResult forced =
        build(
            from(base.reference())
                .to(ImageTarget.registry(image, Set.of()))
                .labels(Map.of("team", "ci"))
                .rebuild(true)
                .build());

    assertThat(labelled.upToDate()).isFalse();
    assertThat(labelled.digest()).isNotEqualTo(first.digest());
    assertThat(forced.upToDate()).isFalse();
    assertThat(forced.digest()).isEqualTo(labelled.digest());
    assertThat(messages()).anySatisfy(m -> assertThat(m).contains("Built " + image));
  }

  @Test
  void theDaemonTargetChecksTheImageIdAndItsTag() throws Exception {
    JenkinsBaseImages.Built base = JenkinsBaseImages.inRegistry(Variant.PLAIN);
    String image = "jenkins-dind-it/" + unique("uptodate") + ":1.0";
    BuildRequest request =
        from(base.reference()).to(ImageTarget.dockerDaemon(image, Set.of())).build();
    try {
      BuildResult first = build(request);
      String other = JenkinsBaseImages.inDaemon(Variant.PLAIN).imageId();
      Commands.stdout(TIMEOUT, "docker", "tag", other, image);
      assertThat(imageIdOf(image)).isEqualTo(other);

      BuildResult retagged = build(request);

      assertThat(retagged.upToDate()).isTrue();
      assertThat(imageIdOf(image)).isEqualTo(first.imageId());

      Commands.stdout(TIMEOUT, "docker", "rmi", "-f", first.imageId());
      BuildResult rebuilt = build(request);

      assertThat(rebuilt.upToDate()).as("the daemon lost the image").isFalse();
      assertThat(rebuilt.imageId()).isEqualTo(first.imageId());
      assertThat(imageIdOf(image)).isEqualTo(first.imageId());
    } finally {
      Commands.run(TIMEOUT, "docker", "rmi", "-f", image);
    }
  }

  private static String imageIdOf(String image) {
    return Commands.stdout(TIMEOUT, "docker", "image", "inspect", "-f", "{{.Id}}", image).trim();
  }

  @Test
  void theTarTargetChecksTheFileItWrote() throws Exception {
    JenkinsBaseImages.Built base = JenkinsBaseImages.inRegistry(Variant.PLAIN);
    Path tar = temp.resolve("out/jenkins.tar");
    BuildRequest request =
        from(base.reference()).to(ImageTarget.tarFile("ci/jenkins:1.0", tar)).build();
    BuildResult first = build(request);
    byte[] written = Files.readAllBytes(tar);

    BuildResult again = build(request);
    assertThat(again.upToDate()).isTrue();

    Files.write(tar, new byte[] {0}, StandardOpenOption.APPEND);
    BuildResult rebuilt = build(request);

    assertThat(rebuilt.upToDate()).as("the tar file changed").isFalse();
    assertThat(rebuilt.digest()).isEqualTo(first.digest());
    assertThat(Files.readAllBytes(tar)).isEqualTo(written);
  }
}
