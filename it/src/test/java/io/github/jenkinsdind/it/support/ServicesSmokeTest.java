package io.github.jenkinsdind.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Built;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Variant;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the shared fixtures against the real services: the base images are what they claim
 * (checked with skopeo, umoci and dockerd, not with the code under test), the registries accept the
 * configured credentials and certificate, and the docker CLI download stand-in serves a valid tgz.
 */
class ServicesSmokeTest {

  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static TestServices services;

  @BeforeAll
  static void servicesAreUp() {
    services = TestServices.get().requireRunning();
  }

  @Test
  void propertiesDescribeTheLiveDockerSocket() throws IOException {
    int liveGid = (Integer) Files.getAttribute(services.dockerSocket(), "unix:gid");

    assertThat(services.dockerSocketGid()).isEqualTo(liveGid);
    assertThat(services.dockerHost()).isEqualTo("unix://" + services.dockerSocket());
    assertThat(
            Commands.stdout(
                COMMAND_TIMEOUT, "docker", "version", "--format", "{{.Server.APIVersion}}"))
        .isEqualTo(services.dockerApiVersion());
  }

  @Test
  void plainBaseImageInTheRegistryIsConfiguredLikeJenkins() throws IOException {
    Built image = JenkinsBaseImages.inRegistry(Variant.PLAIN);
    assertThat(image.reference())
        .isEqualTo(
            services.plainRegistry()
                + "/fixtures/jenkins:"
                + JenkinsBaseImages.fixtureTag(JenkinsBaseImages.Spec.of(Variant.PLAIN)));

    JsonNode config =
        skopeoJson("inspect", "--config", "--tls-verify=false", "docker://" + image.reference())
            .get("config");
    assertThat(config.get("User").asText()).isEqualTo("jenkins");
    assertThat(texts(config.get("Entrypoint"))).containsExactly(JenkinsBaseImages.ENTRYPOINT);
    assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(config.get("ExposedPorts").has("50000/tcp")).isTrue();
    assertThat(config.get("Volumes").has("/var/jenkins_home")).isTrue();
    assertThat(texts(config.get("Env"))).contains("JENKINS_HOME=/var/jenkins_home");
    assertThat(config.get("WorkingDir").asText()).isEqualTo("/var/jenkins_home");
    assertThat(config.get("Labels").get(JenkinsBaseImages.LABEL).asText()).isEqualTo("plain");

    JsonNode manifest =
        skopeoJson("inspect", "--tls-verify=false", "docker://" + image.reference());
    assertThat(manifest.get("Digest").asText()).isEqualTo(image.digest());
    assertThat(manifest.get("Layers")).hasSize(3);
    assertThat(manifest.get("Architecture").asText()).isEqualTo("amd64");
  }

  @Test
  void rootfsHasTheAccountsOwnersAndModes(@TempDir Path dir) throws IOException {
    Built image = JenkinsBaseImages.inRegistry(Variant.SYSTEMD_JOURNAL_GROUP);
    Path layout = dir.resolve("oci");
    Commands.runOrFail(
        COMMAND_TIMEOUT,
        "skopeo",
        "copy",
        "--src-tls-verify=false",
        "docker://" + image.reference(),
        "oci:" + layout + ":fixture");
    Path bundle = dir.resolve("bundle");
    Commands.runOrFail(
        COMMAND_TIMEOUT, "umoci", "unpack", "--image", layout + ":fixture", bundle.toString());
    Path rootfs = bundle.resolve("rootfs");

    assertThat(rootfs.resolve("etc/group"))
        .hasContent(JenkinsBaseImages.etcGroup(Variant.SYSTEMD_JOURNAL_GROUP).orElseThrow());
    assertThat(Files.readString(rootfs.resolve("etc/group"))).contains("systemd-journal:x:999:\n");
    assertThat(rootfs.resolve("etc/passwd")).hasContent(JenkinsBaseImages.etcPasswd(Variant.PLAIN));
    assertThat(Files.readString(rootfs.resolve("etc/passwd")))
        .contains("jenkins:x:1000:1000::/var/jenkins_home:/bin/sh");
    assertOwnerAndMode(rootfs.resolve("etc/shadow"), 0, 42, "rw-r-----");
    assertOwnerAndMode(rootfs.resolve("etc/gshadow"), 0, 42, "rw-r-----");
    assertOwnerAndMode(rootfs.resolve("var/jenkins_home"), 1000, 1000, "rwxr-xr-x");
    assertOwnerAndMode(rootfs.resolve("usr/local/bin/jenkins.sh"), 0, 0, "rwxr-xr-x");
    assertOwnerAndMode(rootfs.resolve("tmp"), 0, 0, "rwxrwxrwx");
    assertThat(rootfs.resolve("bin/sh")).hasSameBinaryContentAs(JenkinsBaseImages.BUSYBOX);
    assertThat(Files.size(rootfs.resolve("usr/share/jenkins/jenkins.war")))
        .isEqualTo(JenkinsBaseImages.DEFAULT_WAR_BYTES);
  }

  @Test
  void variantsDifferOnlyWhereTheyShould() throws IOException {
    Built noGroup = JenkinsBaseImages.inRegistry(Variant.NO_ETC_GROUP);
    Built noJenkins = JenkinsBaseImages.inRegistry(Variant.NO_JENKINS_USER);
    Built multi = JenkinsBaseImages.inRegistry(Variant.MULTI_PLATFORM);

    assertThat(JenkinsBaseImages.etcGroup(Variant.NO_ETC_GROUP)).isEmpty();
    assertThat(JenkinsBaseImages.etcPasswd(Variant.NO_JENKINS_USER)).doesNotContain("jenkins");
    assertThat(JenkinsBaseImages.etcGroup(Variant.NO_JENKINS_USER).orElseThrow())
        .doesNotContain("jenkins");
    assertThat(noGroup.digest()).isNotEqualTo(noJenkins.digest());

    JsonNode list =
        skopeoJson("inspect", "--raw", "--tls-verify=false", "docker://" + multi.reference());
    assertThat(list.get("mediaType").asText())
        .isEqualTo("application/vnd.docker.distribution.manifest.list.v2+json");
    List<String> architectures = new ArrayList<>();
    list.get("manifests")
        .forEach(m -> architectures.add(m.get("platform").get("architecture").asText()));
    assertThat(architectures).containsExactlyInAnyOrder("amd64", "arm64");
  }

  @Test
  void plainBaseImageRunsInDockerdAndServesLogin() throws Exception {
    Built image = JenkinsBaseImages.inDaemon(Variant.PLAIN);
    assertThat(
            Commands.stdout(
                COMMAND_TIMEOUT,
                "docker",
                "image",
                "inspect",
                "--format",
                "{{.Id}}",
                image.reference()))
        .isEqualTo(image.imageId());

    String name = "jd-smoke-" + UUID.randomUUID().toString().substring(0, 8);
    Commands.runOrFail(
        COMMAND_TIMEOUT,
        "docker",
        "run",
        "-d",
        "--name",
        name,
        "-p",
        "127.0.0.1::8080",
        image.reference());
    try {
      String mapped =
          Commands.stdout(COMMAND_TIMEOUT, "docker", "port", name, "8080/tcp")
              .lines()
              .findFirst()
              .orElseThrow();
      URI login = URI.create("http://" + mapped + "/login");
      assertThat(waitForStatus(login, Duration.ofSeconds(30))).isEqualTo(200);

      String password =
          Commands.stdout(
              COMMAND_TIMEOUT,
              "docker",
              "exec",
              name,
              "/bin/busybox",
              "cat",
              JenkinsBaseImages.PASSWORD_FILE);
      assertThat(password).matches("[0-9a-f]{32}");
      Commands.Result logs = Commands.runOrFail(COMMAND_TIMEOUT, "docker", "logs", name);
      assertThat(logs.output())
          .contains(JenkinsBaseImages.PASSWORD_BANNER + "\n\n" + password + "\n")
          .contains("running as uid=1000(jenkins) gid=1000(jenkins)")
          .contains(JenkinsBaseImages.READY_LINE);
    } finally {
      Commands.run(COMMAND_TIMEOUT, "docker", "rm", "-f", "-v", name);
    }
  }

  @Test
  void dockerSaveTarHoldsTheImage() throws IOException {
    Path tar = JenkinsBaseImages.dockerSaveTar(Variant.NO_ETC_GROUP);

    JsonNode manifest = null;
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
      for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.getName().equals("manifest.json")) {
          manifest = JSON.readTree(in.readAllBytes());
        }
      }
    }
    assertThat(manifest).isNotNull();
    assertThat(texts(manifest.get(0).get("RepoTags")))
        .containsExactly("jenkins-dind-fixtures/jenkins:no-etc-group");
    assertThat(manifest.get(0).get("Layers")).hasSize(3);
  }

  @Test
  void authAndTlsRegistriesAcceptOnlyTheConfiguredCredentials() {
    String source = "docker://" + JenkinsBaseImages.inRegistry(Variant.PLAIN).reference();
    String credentials = services.registryUser() + ":" + services.registryPassword();
    String authTarget = "docker://" + services.authRegistry() + "/smoke/jenkins:plain";
    String tlsTarget = "docker://" + services.tlsRegistry() + "/smoke/jenkins:plain";

    Commands.Result anonymous =
        Commands.run(
            COMMAND_TIMEOUT,
            "skopeo",
            "copy",
            "--src-tls-verify=false",
            "--dest-tls-verify=false",
            source,
            authTarget);
    assertThat(anonymous.exitCode()).isNotZero();
    assertThat(anonymous.stderr()).containsIgnoringCase("unauthorized");

    Commands.runOrFail(
        COMMAND_TIMEOUT,
        "skopeo",
        "copy",
        "--src-tls-verify=false",
        "--dest-tls-verify=false",
        "--dest-creds",
        credentials,
        source,
        authTarget);
    // The TLS registry is verified: services.sh put its certificate in /etc/containers/certs.d.
    Commands.runOrFail(
        COMMAND_TIMEOUT,
        "skopeo",
        "copy",
        "--src-tls-verify=false",
        "--dest-creds",
        credentials,
        source,
        tlsTarget);
    assertThat(
            Commands.stdout(
                COMMAND_TIMEOUT,
                "skopeo",
                "inspect",
                "--creds",
                credentials,
                "--format",
                "{{.Digest}}",
                tlsTarget))
        .isEqualTo(JenkinsBaseImages.inRegistry(Variant.PLAIN).digest());
  }

  @Test
  void dockerCliServerServesTheInstalledCliAtTheOfficialPath() throws Exception {
    try (DockerCliServer server = DockerCliServer.start()) {
      assertThat(server.urlTemplate()).endsWith("/linux/static/stable/{arch}/docker-{version}.tgz");
      String url =
          server
              .urlTemplate()
              .replace("{arch}", DockerCliServer.ARCH)
              .replace("{version}", DockerCliServer.VERSION);
      HttpClient client = HttpClient.newHttpClient();

      byte[] body =
          client
              .send(
                  HttpRequest.newBuilder(URI.create(url)).build(),
                  HttpResponse.BodyHandlers.ofByteArray())
              .body();
      int missing =
          client
              .send(
                  HttpRequest.newBuilder(URI.create(server.baseUrl() + "/nope.tgz")).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();

      assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)))
          .isEqualTo(server.sha256());
      assertThat(missing).isEqualTo(404);
      assertThat(server.requestCount()).isEqualTo(2);
      assertThat(server.tarballRequestCount()).isEqualTo(1);
      assertThat(server.requestPaths()).containsExactly(DockerCliServer.PATH, "/nope.tgz");
      TarArchiveEntry cli = null;
      try (TarArchiveInputStream tar =
          new TarArchiveInputStream(
              new GzipCompressorInputStream(new ByteArrayInputStream(body)))) {
        for (TarArchiveEntry entry = tar.getNextEntry();
            entry != null;
            entry = tar.getNextEntry()) {
          if (entry.getName().equals("docker/docker")) {
            cli = entry;
          }
        }
      }
      assertThat(cli).isNotNull();
      assertThat(cli.getMode() & 07777).isEqualTo(0755);
      assertThat(cli.getSize()).isEqualTo(Files.size(DockerCliServer.source()));
    }
  }

  @Test
  void commandsReportExitCodesOutputAndTimeouts() {
    Commands.Result result =
        Commands.of("/bin/sh", "-c", "cat; echo oops >&2; exit 3").input("hello").run();
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stdout()).isEqualTo("hello");
    assertThat(result.stderr()).isEqualTo("oops\n");

    assertThatThrownBy(
            () -> Commands.runOrFail(COMMAND_TIMEOUT, "/bin/sh", "-c", "echo out; exit 1"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("exit code 1")
        .hasMessageContaining("out");
    Instant start = Instant.now();
    assertThatThrownBy(
            () -> Commands.run(Duration.ofMillis(500), "/bin/sh", "-c", "echo started; sleep 30"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Timed out")
        .hasMessageContaining("started");
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));
  }

  private static void assertOwnerAndMode(Path path, int uid, int gid, String mode)
      throws IOException {
    assertThat(Files.getAttribute(path, "unix:uid")).as("uid of %s", path).isEqualTo(uid);
    assertThat(Files.getAttribute(path, "unix:gid")).as("gid of %s", path).isEqualTo(gid);
    PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class);
    assertThat(PosixFilePermissions.toString(attributes.permissions()))
        .as("mode of %s", path)
        .isEqualTo(mode);
  }

  private static JsonNode skopeoJson(String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add("skopeo");
    command.addAll(List.of(arguments));
    return JSON.readTree(
        Commands.of(command)
            .timeout(COMMAND_TIMEOUT)
            .runOrFail()
            .stdout()
            .getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(node -> values.add(node.asText()));
    return values;
  }

  private static int waitForStatus(URI uri, Duration timeout) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(timeout);
    String last = "no attempt";
    while (Instant.now().isBefore(deadline)) {
      try {
        int status =
            client
                .send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status == 200) {
          return status;
        }
        last = "HTTP " + status;
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "No HTTP 200 from " + uri + " within " + timeout + " (last: " + last + ")");
  }
}
