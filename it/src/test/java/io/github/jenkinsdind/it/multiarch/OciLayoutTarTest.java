package io.github.jenkinsdind.it.multiarch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import io.github.jenkinsdind.core.internal.index.ImageIndex;
import io.github.jenkinsdind.core.internal.index.IndexPlatform;
import io.github.jenkinsdind.core.internal.index.MediaTypes;
import io.github.jenkinsdind.core.internal.index.OciLayoutTar;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.ForeignBinaries;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Built;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Variant;
import io.github.jenkinsdind.it.support.MultiPlatformBases;
import io.github.jenkinsdind.it.support.TestServices;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OciLayoutTar} with real images: the stand-in Jenkins base written by Jib for amd64, arm64
 * and ppc64le, each to its own OCI-format tar ({@link MultiPlatformBases#ociTars}), merged into one
 * OCI layout tar, read by skopeo and umoci and copied by skopeo into the plain registry.
 */
class OciLayoutTarTest {
  private static final String[] ARCHITECTURES = {"amd64", "arm64", "ppc64le"};
  private static final String REPOSITORY = "example.org/jenkins-dind/jenkins";

  private static TestServices services;
  private static Map<String, Built> platforms;

  @BeforeAll
  static void platformTars() {
    services = TestServices.get().requireRunning();
    platforms = MultiPlatformBases.ociTars(MultiPlatformBases.ALL);
  }

  private static List<Path> tars() {
    return platforms.values().stream().map(Built::tarFile).toList();
  }

  @Test
  void skopeoReadsTheIndexAndEachPlatform(@TempDir Path dir) throws Exception {
    Path tar = dir.resolve("jenkins.tar");
    ImageIndex index = OciLayoutTar.write(tars(), REPOSITORY, List.of("1.0"), tar);

    assertThat(index.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
    String source = "oci-archive:" + tar;
    assertThat(PlatformChecks.raw(source))
        .isEqualTo(new String(index.json(), StandardCharsets.UTF_8));
    assertThat(PlatformChecks.raw(source + ":1.0")).isEqualTo(PlatformChecks.raw(source));
    JsonNode raw = PlatformChecks.json(PlatformChecks.raw(source));
    for (String architecture : ARCHITECTURES) {
      String digest = platforms.get("linux/" + architecture).digest();
      assertThat(PlatformChecks.digestOf(raw, architecture)).as(architecture).isEqualTo(digest);
      assertThat(index.digestOf(IndexPlatform.of("linux", architecture))).contains(digest);
      JsonNode config = PlatformChecks.config(source, architecture);
      assertThat(config.get("architecture").asText()).isEqualTo(architecture);
      assertThat(config.get("config").get("User").asText()).isEqualTo("jenkins");

      Path rootfs = PlatformChecks.rootfs(source, architecture, dir);
      assertThat(ForeignBinaries.elfMachine(rootfs.resolve("bin/busybox")))
          .as("the ELF machine of %s's busybox", architecture)
          .isEqualTo(ForeignBinaries.expectedMachine(architecture));
      assertThat(rootfs.resolve("etc/passwd"))
          .hasContent(JenkinsBaseImages.etcPasswd(Variant.PLAIN));
    }
  }

  @Test
  void theLayoutIsSortedHoldsEachBlobOnceAndNamesEachTag(@TempDir Path dir) throws Exception {
    Path tar = dir.resolve("jenkins.tar");
    ImageIndex index = OciLayoutTar.write(tars(), REPOSITORY, List.of("1.0", "latest"), tar);

    List<String> names = new ArrayList<>();
    Set<String> blobs = new HashSet<>();
    byte[] layoutIndex = null;
    try (InputStream in = Files.newInputStream(tar);
        TarArchiveInputStream entries = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e = entries.getNextEntry(); e != null; e = entries.getNextEntry()) {
        names.add(e.getName());
        assertThat(e.getModTime().getTime()).as(e.getName()).isEqualTo(1000L);
        assertThat(e.getLongUserId()).isZero();
        assertThat(e.getUserName()).isEmpty();
        if (e.getName().equals("index.json")) {
          layoutIndex = entries.readAllBytes();
        }
        if (e.getName().startsWith("blobs/sha256/") && !e.isDirectory()) {
          assertThat(blobs.add(e.getName())).as("once: %s", e.getName()).isTrue();
        }
      }
    }
    assertThat(names)
        .isSorted()
        .startsWith("blobs/", "blobs/sha256/")
        .endsWith("index.json", "oci-layout");
    // the index, 3 manifests, 3 configs, and the layers: the war and entrypoint layers are the
    // same on every platform, the rootfs layer differs (its busybox)
    assertThat(blobs).hasSize(1 + 3 + 3 + 3 + 2);
    assertThat(blobs).contains("blobs/sha256/" + index.digest().substring(7));
    JsonNode named = PlatformChecks.json(new String(layoutIndex, StandardCharsets.UTF_8));
    assertThat(named.get("manifests")).hasSize(2);
    List<String> refs = new ArrayList<>();
    for (JsonNode descriptor : named.get("manifests")) {
      assertThat(descriptor.get("digest").asText()).isEqualTo(index.digest());
      assertThat(descriptor.get("mediaType").asText()).isEqualTo(MediaTypes.OCI_INDEX);
      refs.add(descriptor.get("annotations").get(OciLayoutTar.REF_NAME).asText());
      assertThat(descriptor.get("annotations").get(OciLayoutTar.CONTAINERD_NAME).asText())
          .isEqualTo(REPOSITORY + ":" + refs.get(refs.size() - 1));
    }
    assertThat(refs).containsExactly("1.0", "latest");
    Commands.runOrFail(
        PlatformChecks.TIMEOUT, "skopeo", "inspect", "--raw", "oci-archive:" + tar + ":latest");
  }

  @Test
  void twoWritesGiveTheSameBytesAndTheRegistryIndexDigest(@TempDir Path dir) throws Exception {
    ImageIndex first = OciLayoutTar.write(tars(), REPOSITORY, List.of("1.0"), dir.resolve("a.tar"));
    ImageIndex second =
        OciLayoutTar.write(tars(), REPOSITORY, List.of("1.0"), dir.resolve("b.tar"));

    assertThat(second.digest()).isEqualTo(first.digest());
    assertThat(Files.mismatch(dir.resolve("a.tar"), dir.resolve("b.tar"))).isEqualTo(-1L);
    assertThat(first.digest())
        .as("Jib writes the same OCI manifests to a tar as to a registry")
        .isEqualTo(
            MultiPlatformBases.inRegistry(MultiPlatformBases.ALL, ImageFormat.OCI)
                .index()
                .digest());
  }

  @Test
  void skopeoCopiesItIntoTheRegistry(@TempDir Path dir) throws Exception {
    Path tar = dir.resolve("jenkins.tar");
    ImageIndex index = OciLayoutTar.write(tars(), REPOSITORY, List.of("1.0"), tar);
    // a fixed tag: every run copies the same bytes there, so runs leave nothing new behind
    String target = services.plainRegistry() + "/it/oci-layout-tar:1";

    Commands.runOrFail(
        PlatformChecks.TIMEOUT,
        "skopeo",
        "copy",
        "--all",
        "--preserve-digests",
        "--dest-tls-verify=false",
        "oci-archive:" + tar,
        "docker://" + target);

    assertThat(PlatformChecks.raw("docker://" + target))
        .isEqualTo(new String(index.json(), StandardCharsets.UTF_8));
    JsonNode inspected = PlatformChecks.inspect("docker://" + target, "ppc64le");
    assertThat(inspected.get("Architecture").asText()).isEqualTo("ppc64le");
    assertThat(inspected.get("Digest").asText()).isEqualTo(index.digest());
  }

  @Test
  void aDockerSaveTarIsRefused(@TempDir Path dir) {
    Path dockerSave = JenkinsBaseImages.dockerSaveTar(Variant.PLAIN);
    Path target = dir.resolve("jenkins.tar");

    assertThatThrownBy(
            () -> OciLayoutTar.write(List.of(dockerSave), REPOSITORY, List.of("1.0"), target))
        .isInstanceOf(IOException.class)
        .hasMessage(
            dockerSave + " is a docker save tar; an index needs each platform in the OCI format");
    assertThat(target).doesNotExist();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void twoImagesOfOnePlatformAreRefused(@TempDir Path dir) {
    Path amd64 = platforms.get("linux/amd64").tarFile();

    assertThatThrownBy(
            () ->
                OciLayoutTar.write(
                    List.of(amd64, amd64), REPOSITORY, List.of("1.0"), dir.resolve("x.tar")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("two manifests for linux/amd64");
    assertThat(dir).isEmptyDirectory();
  }
}
