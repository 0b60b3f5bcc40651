package io.github.jenkinsdind.it.cliplugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.BuildResult;
import io.github.jenkinsdind.core.api.DockerCli;
import io.github.jenkinsdind.core.api.DockerCliPlugin;
import io.github.jenkinsdind.core.api.ImageBinary;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsDind;
import io.github.jenkinsdind.it.support.CliPluginFiles;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.TestServices;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker CLI plugins in the image, with the real buildx and compose of Debian 13 downloaded
 * from a loopback stand-in of their GitHub releases: one layer per binary, the compose link, the
 * labels, reproducible digests, nothing downloaded or compressed again when warm, and the binaries
 * working in the image. The registry image is read with skopeo and its layers with
 * commons-compress, not with the code under test.
 */
class CliPluginsImageTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PLUGINS = "/usr/local/libexec/docker/cli-plugins/";

  private static TestServices services;
  private static DockerCliServer server;
  private static CliPluginFiles plugins;

  @TempDir Path temp;

  @BeforeAll
  static void start() {
    services = TestServices.get().requireRunning();
    plugins = CliPluginFiles.get();
    server = DockerCliServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static DockerCliPlugin buildx() {
    return DockerCliPlugin.defaults(DockerCliPlugin.Name.BUILDX)
        .withVersion(plugins.buildxVersion())
        .withUrlTemplate(server.buildxUrlTemplate())
        .withSha256(CliPluginFiles.sha256(plugins.buildx()));
  }

  private static DockerCliPlugin compose() {
    return DockerCliPlugin.defaults(DockerCliPlugin.Name.COMPOSE)
        .withVersion(plugins.composeVersion())
        .withUrlTemplate(server.composeUrlTemplate())
        .withSha256(CliPluginFiles.sha256(plugins.compose()));
  }

  private BuildRequest.Builder request(Path cache, List<DockerCliPlugin> cliPlugins) {
    return BuildRequest.from(
            JenkinsBaseImages.inRegistry(JenkinsBaseImages.Variant.PLAIN).reference())
        .dockerCli(
            DockerCli.download(DockerCliServer.VERSION).withUrlTemplate(server.urlTemplate()))
        .cliPlugins(cliPlugins)
        .allowInsecureRegistries(true)
        .cacheDirectory(cache);
  }

  private static String registryImage(String name) {
    return services.plainRegistry()
        + "/it-cli-plugins/"
        + name
        + "-"
        + UUID.randomUUID().toString().substring(0, 8)
        + ":1";
  }

  private static JsonNode skopeoJson(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("skopeo"));
    command.addAll(List.of(args));
    return JSON.readTree(Commands.stdout(TIMEOUT, command.toArray(String[]::new)));
  }

  /**
   * Every entry of every layer of a registry image, as {@code layer index: name ...}, via skopeo.
   */
  private Map<String, String> entries(String image) throws Exception {
    Path layout = temp.resolve("oci-" + UUID.randomUUID());
    Commands.runOrFail(
        TIMEOUT, "skopeo", "copy", "--src-tls-verify=false", "docker://" + image, "oci:" + layout);
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    JsonNode manifest = JSON.readTree(blob(layout, index.get("manifests").get(0)).toFile());
    Map<String, String> entries = new LinkedHashMap<>();
    int n = 0;
    for (JsonNode layer : manifest.get("layers")) {
      n++;
      try (InputStream in = new GZIPInputStream(Files.newInputStream(blob(layout, layer)));
          TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
          if (!e.isDirectory()) {
            entries.put(
                "/" + e.getName(),
                String.format(
                    "layer %d %s %o %d:%d",
                    n,
                    e.isSymbolicLink() ? "-> " + e.getLinkName() : "size " + e.getSize(),
                    e.getMode() & 07777,
                    e.getLongUserId(),
                    e.getLongGroupId()));
          }
        }
      }
    }
    return entries;
  }

  private static Path blob(Path layout, JsonNode descriptor) {
    return layout.resolve("blobs/sha256/" + descriptor.get("digest").asText().substring(7));
  }

  @Test
  void eachBinaryIsALayerOfItsOwnWithTheComposeLinkAndLabels() throws Exception {
    String image = registryImage("both");
    BuildResult result =
        JenkinsDind.build(
            request(temp.resolve("cache"), List.of(buildx(), compose()))
                .to(ImageTarget.registry(image, Set.of()))
                .build(),
            event -> {});

    Map<String, String> entries = entries(image);
    int baseLayers =
        skopeoJson(
                "inspect",
                "--tls-verify=false",
                "docker://"
                    + JenkinsBaseImages.inRegistry(JenkinsBaseImages.Variant.PLAIN).reference())
            .get("Layers")
            .size();
    assertThat(entries.get("/usr/local/bin/docker"))
        .startsWith("layer " + (baseLayers + 1) + " size");
    assertThat(entries.get(PLUGINS + "docker-buildx"))
        .isEqualTo(
            "layer " + (baseLayers + 2) + " size " + Files.size(plugins.buildx()) + " 755 0:0");
    assertThat(entries.get(PLUGINS + "docker-compose"))
        .isEqualTo(
            "layer " + (baseLayers + 3) + " size " + Files.size(plugins.compose()) + " 755 0:0");
    assertThat(entries.get("/usr/local/bin/docker-compose"))
        .isEqualTo(
            "layer "
                + (baseLayers + 4)
                + " -> ../libexec/docker/cli-plugins/docker-compose 777 0:0");
    assertThat(entries.get("/etc/group")).startsWith("layer " + (baseLayers + 5));

    JsonNode labels =
        skopeoJson("inspect", "--tls-verify=false", "docker://" + image).get("Labels");
    assertThat(labels.get("io.github.jenkinsdind.docker-buildx.version").asText())
        .isEqualTo(plugins.buildxVersion());
    assertThat(labels.get("io.github.jenkinsdind.docker-compose.version").asText())
        .isEqualTo(plugins.composeVersion());
    assertThat(result.cliPlugins())
        .containsExactly(
            new ImageBinary(
                "buildx",
                plugins.buildxVersion(),
                PLUGINS + "docker-buildx",
                CliPluginFiles.sha256(plugins.buildx())),
            new ImageBinary(
                "compose",
                plugins.composeVersion(),
                PLUGINS + "docker-compose",
                CliPluginFiles.sha256(plugins.compose())));
  }

  @Test
  void theDigestIsStableAcrossCachesAndAWarmBuildDownloadsNothing() throws Exception {
    List<DockerCliPlugin> both = List.of(buildx(), compose());
    BuildResult first =
        JenkinsDind.build(
            request(temp.resolve("cache-a"), both)
                .to(ImageTarget.registry(registryImage("stable"), Set.of()))
                .build(),
            event -> {});
    int downloads = server.pluginRequestCount();
    List<String> warmEvents = new ArrayList<>();
    BuildResult warm =
        JenkinsDind.build(
            request(temp.resolve("cache-a"), both)
                .to(ImageTarget.registry(registryImage("stable"), Set.of()))
                .build(),
            event -> warmEvents.add(event.toString()));
    BuildResult otherCache =
        JenkinsDind.build(
            request(temp.resolve("cache-b"), both)
                .to(ImageTarget.registry(registryImage("stable"), Set.of()))
                .build(),
            event -> {});

    assertThat(warm.digest()).isEqualTo(first.digest());
    assertThat(otherCache.digest()).isEqualTo(first.digest());
    assertThat(server.pluginRequestCount()).isEqualTo(downloads + 2); // only cache-b downloaded
    assertThat(warmEvents).noneMatch(e -> e.contains("Downloading"));
    assertThat(warmEvents).noneMatch(e -> e.contains("compressed the docker-"));
  }

  @Test
  void leavingComposeOutRemovesItsLayersAndLabel() throws Exception {
    String withBoth = registryImage("with");
    String withoutCompose = registryImage("without");
    Path cache = temp.resolve("cache");
    JenkinsDind.build(
        request(cache, List.of(buildx(), compose()))
            .to(ImageTarget.registry(withBoth, Set.of()))
            .build(),
        event -> {});
    JenkinsDind.build(
        request(cache, List.of(buildx()))
            .to(ImageTarget.registry(withoutCompose, Set.of()))
            .build(),
        event -> {});

    JsonNode both = skopeoJson("inspect", "--tls-verify=false", "docker://" + withBoth);
    JsonNode one = skopeoJson("inspect", "--tls-verify=false", "docker://" + withoutCompose);
    assertThat(one.get("Layers").size()).isEqualTo(both.get("Layers").size() - 2);
    assertThat(one.get("Labels").has("io.github.jenkinsdind.docker-compose.version")).isFalse();
    assertThat(one.get("Labels").has("io.github.jenkinsdind.docker-buildx.version")).isTrue();
    assertThat(entries(withoutCompose))
        .doesNotContainKeys(PLUGINS + "docker-compose", "/usr/local/bin/docker-compose");
  }

  @Test
  void inTheDaemonTheJenkinsUserRunsBuildxComposeAndDockerCompose() throws Exception {
    String image = "jenkins-dind-it/cli-plugins:" + UUID.randomUUID().toString().substring(0, 8);
    try {
      JenkinsDind.build(
          request(temp.resolve("cache"), List.of(buildx(), compose()))
              .to(ImageTarget.dockerDaemon(image, Set.of()))
              .build(),
          event -> {});

      String out =
          Commands.stdout(
              TIMEOUT,
              "docker",
              "run",
              "--rm",
              "--entrypoint",
              "/bin/sh",
              image,
              "-c",
              "id -un 2>/dev/null || /bin/busybox id -un; docker buildx version;"
                  + " docker compose version; docker-compose version");
      assertThat(out)
          .contains("jenkins")
          .contains("github.com/docker/buildx " + plugins.buildxVersion())
          .contains("Docker Compose version " + plugins.composeVersion());
    } finally {
      Commands.run(TIMEOUT, "docker", "image", "rm", "--force", image);
    }
  }
}
