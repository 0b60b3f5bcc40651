package io.github.jenkinsdind.it.multiarch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.index.ImageIndex;
import io.github.jenkinsdind.core.internal.index.IndexPlatform;
import io.github.jenkinsdind.core.internal.index.IndexPush;
import io.github.jenkinsdind.core.internal.index.MediaTypes;
import io.github.jenkinsdind.core.internal.index.PlatformImage;
import io.github.jenkinsdind.core.internal.jib.RegistrySession;
import io.github.jenkinsdind.it.support.ForeignBinaries;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Spec;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Variant;
import io.github.jenkinsdind.it.support.MultiPlatformBases;
import io.github.jenkinsdind.it.support.MultiPlatformBases.MultiBuilt;
import io.github.jenkinsdind.it.support.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link IndexPush} against the real plain registry: the stand-in Jenkins bases of {@link
 * MultiPlatformBases} (amd64, arm64, ppc64le, each with its own busybox) pushed by Jib one platform
 * at a time, tied by one index, checked with skopeo and umoci.
 */
class IndexPushTest {
  private static final String[] ARCHITECTURES = {"amd64", "arm64", "ppc64le"};

  private static TestServices services;

  @BeforeAll
  static void servicesAreUp() {
    services = TestServices.get().requireRunning();
  }

  @Test
  void ociManifestsGetAnOciIndexThatSkopeoReadsByteForByte(@TempDir Path dir) throws Exception {
    MultiBuilt base = MultiPlatformBases.inRegistry(MultiPlatformBases.ALL, ImageFormat.OCI);
    String source = "docker://" + base.reference();

    assertThat(base.index().mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
    assertThat(PlatformChecks.raw(source).getBytes(StandardCharsets.UTF_8))
        .isEqualTo(base.index().json());
    assertThat(PlatformChecks.raw("docker://" + repository(base) + "@" + base.index().digest()))
        .isEqualTo(new String(base.index().json(), StandardCharsets.UTF_8));
    assertEachPlatform(base, source, dir);
  }

  @Test
  void dockerManifestsGetADockerManifestList(@TempDir Path dir) throws Exception {
    MultiBuilt base = MultiPlatformBases.inRegistry(MultiPlatformBases.ALL, ImageFormat.Docker);
    String source = "docker://" + base.reference();

    JsonNode raw = PlatformChecks.json(PlatformChecks.raw(source));
    assertThat(raw.get("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_LIST);
    List<String> types = new ArrayList<>();
    raw.get("manifests").forEach(m -> types.add(m.get("mediaType").asText()));
    assertThat(types).containsOnly(MediaTypes.DOCKER_MANIFEST).hasSize(3);
    assertEachPlatform(base, source, dir);
  }

  @Test
  void theMultiPlatformFixtureCarriesTheBusyboxOfEachArchitecture(@TempDir Path dir) {
    JenkinsBaseImages.Built multi = JenkinsBaseImages.inRegistry(Variant.MULTI_PLATFORM);
    String source = "docker://" + multi.reference();

    JsonNode index = PlatformChecks.json(PlatformChecks.raw(source));
    assertThat(index.get("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_LIST);
    assertThat(index.get("manifests")).hasSize(2);
    for (String architecture : List.of("amd64", "arm64")) {
      Path busybox = PlatformChecks.rootfs(source, architecture, dir).resolve("bin/busybox");
      assertThat(ForeignBinaries.elfMachine(busybox))
          .as("the ELF machine of %s's busybox", architecture)
          .isEqualTo(ForeignBinaries.expectedMachine(architecture));
    }
  }

  @Test
  void anotherRunGivesTheSameDigests() {
    MultiBuilt first = MultiPlatformBases.inRegistry(MultiPlatformBases.ALL, ImageFormat.OCI);
    // a fixed tag: every run pushes the same bytes there, so runs leave nothing new behind
    String again = services.plainRegistry() + "/it/index-push-again:1";

    MultiBuilt second =
        MultiPlatformBases.inRegistry(
            Spec.of(Variant.PLAIN), MultiPlatformBases.ALL, ImageFormat.OCI, again);

    assertThat(second.index().digest()).isEqualTo(first.index().digest());
    assertThat(second.index().json()).isEqualTo(first.index().json());
    for (String platform : first.platforms().keySet()) {
      assertThat(second.platforms().get(platform).digest())
          .as(platform)
          .isEqualTo(first.platforms().get(platform).digest());
    }
    assertThat(PlatformChecks.inspect("docker://" + again, "arm64").get("Digest").asText())
        .isEqualTo(first.index().digest());
    assertThat(
            PlatformChecks.digestOf(
                PlatformChecks.json(PlatformChecks.raw("docker://" + again)), "arm64"))
        .isEqualTo(first.platforms().get("linux/arm64").digest());
  }

  @Test
  void withoutATagTheIndexGoesUnderItsDigest() throws Exception {
    MultiBuilt base = MultiPlatformBases.inRegistry(MultiPlatformBases.ALL, ImageFormat.OCI);
    String repository = repository(base).substring(services.plainRegistry().length() + 1);
    List<PlatformImage> reversed = new ArrayList<>();
    for (var entry : base.platforms().entrySet()) {
      reversed.add(
          0,
          new PlatformImage(
              IndexPlatform.parse(entry.getKey(), Setting.PLATFORMS), entry.getValue().digest()));
    }

    ImageIndex index;
    try (RegistrySession session = session(repository)) {
      index = IndexPush.push(session, reversed, List.of());
    }

    assertThat(index.digest()).isNotEqualTo(base.index().digest());
    JsonNode raw =
        PlatformChecks.json(
            PlatformChecks.raw(
                "docker://" + services.plainRegistry() + "/" + repository + "@" + index.digest()));
    assertThat(raw.get("manifests").get(0).get("platform").get("architecture").asText())
        .isEqualTo("ppc64le");
  }

  @Test
  void theRegistryRefusesAnIndexOfManifestsItLacks() throws Exception {
    MultiBuilt base = MultiPlatformBases.inRegistry(MultiPlatformBases.ALL, ImageFormat.OCI);
    String other = "it/index-push-empty-" + UUID.randomUUID().toString().substring(0, 8);

    try (RegistrySession session = session(other)) {
      assertThatThrownBy(() -> IndexPush.push(session, base.index(), List.of("1")))
          .isInstanceOf(RegistryException.class);
    }
  }

  private static void assertEachPlatform(MultiBuilt base, String source, Path dir)
      throws Exception {
    JsonNode index = PlatformChecks.json(PlatformChecks.raw(source));
    for (String architecture : ARCHITECTURES) {
      String digest = base.platforms().get("linux/" + architecture).digest();
      assertThat(base.index().digestOf(IndexPlatform.of("linux", architecture))).contains(digest);
      assertThat(PlatformChecks.digestOf(index, architecture)).as(architecture).isEqualTo(digest);

      // skopeo's Digest is the index's; its Layers and Architecture are the platform's
      JsonNode inspected = PlatformChecks.inspect(source, architecture);
      assertThat(inspected.get("Digest").asText()).isEqualTo(base.index().digest());
      assertThat(inspected.get("Architecture").asText()).isEqualTo(architecture);
      JsonNode manifest =
          PlatformChecks.json(PlatformChecks.raw("docker://" + repository(base) + "@" + digest));
      List<String> layers = new ArrayList<>();
      manifest.get("layers").forEach(l -> layers.add(l.get("digest").asText()));
      List<String> inspectedLayers = new ArrayList<>();
      inspected.get("Layers").forEach(l -> inspectedLayers.add(l.asText()));
      assertThat(inspectedLayers).hasSize(3).isEqualTo(layers);
      JsonNode config = PlatformChecks.config(source, architecture);
      assertThat(config.get("architecture").asText()).isEqualTo(architecture);
      assertThat(config.get("config").get("User").asText()).isEqualTo("jenkins");

      Path rootfs = PlatformChecks.rootfs(source, architecture, dir);
      assertThat(ForeignBinaries.elfMachine(rootfs.resolve("bin/busybox")))
          .as("the ELF machine of %s's busybox", architecture)
          .isEqualTo(ForeignBinaries.expectedMachine(architecture));
      assertThat(rootfs.resolve("bin/busybox"))
          .hasSameBinaryContentAs(ForeignBinaries.busybox(architecture));
      assertThat(rootfs.resolve("etc/passwd"))
          .hasContent(JenkinsBaseImages.etcPasswd(Variant.PLAIN));
      assertThat(Files.exists(rootfs.resolve("lib64"))).isEqualTo(architecture.equals("amd64"));
    }
  }

  private static String repository(MultiBuilt base) {
    return base.reference().substring(0, base.reference().lastIndexOf(':'));
  }

  private static RegistrySession session(String repository) throws Exception {
    return RegistrySession.forPush(
        services.plainRegistry(), repository, Optional.empty(), true, log -> {});
  }
}
