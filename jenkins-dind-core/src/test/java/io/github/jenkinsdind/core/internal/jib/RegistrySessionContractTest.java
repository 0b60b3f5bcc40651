package io.github.jenkinsdind.core.internal.jib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the core relies on from jib-core's internal registry client, through {@link
 * RegistrySession}, {@link ImageJson} and {@link RegistryFailures}, against a registry on 127.0.0.1
 * that serves the JSON given here: a jib-core upgrade that changes how manifests, manifest lists
 * and OCI indexes are parsed, how blobs are pulled and mounted, or which exceptions a failure
 * raises, fails these tests.
 */
class RegistrySessionContractTest {
  private static final String REPO = "team/app";
  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);
  private static final String C = "sha256:" + "c".repeat(64);
  private static final String CONFIG = "sha256:" + "d".repeat(64);
  private static final String LAYER1 = "sha256:" + "1".repeat(64);
  private static final String LAYER2 = "sha256:" + "2".repeat(64);

  private static final String V22_LIST_TYPE =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  private static final String V22_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
  private static final String OCI_INDEX_TYPE = "application/vnd.oci.image.index.v1+json";
  private static final String OCI_TYPE = "application/vnd.oci.image.manifest.v1+json";

  private FakeRegistry registry;
  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    registry = new FakeRegistry();
  }

  @AfterEach
  void stop() throws Exception {
    registry.close();
  }

  private RegistrySession session() throws Exception {
    return RegistrySession.forPull(registry.host(), REPO, Optional.empty(), true, log::add);
  }

  @Test
  void aDockerManifestListGivesItsEntriesWithTheirPlatforms() throws Exception {
    String json =
        """
        {"schemaVersion": 2, "mediaType": "%s", "manifests": [
          {"mediaType": "%s", "size": 500, "digest": "%s",
           "platform": {"architecture": "amd64", "os": "linux"}},
          {"mediaType": "%s", "size": 500, "digest": "%s",
           "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}},
          {"mediaType": "%s", "size": 500, "digest": "%s"}
        ]}"""
            .formatted(V22_LIST_TYPE, V22_TYPE, A, V22_TYPE, B, V22_TYPE, C);
    registry.manifest(REPO, "lts", V22_LIST_TYPE, json);

    try (RegistrySession session = session()) {
      RegistryManifest manifest = session.pullManifest("lts");

      assertThat(manifest).isInstanceOf(RegistryManifest.Index.class);
      assertThat(manifest.digest()).isEqualTo(FakeRegistry.digest(json));
      assertThat(manifest.schemaVersion()).isEqualTo(2);
      assertThat(manifest.mediaType()).contains(V22_LIST_TYPE);
      assertThat(((RegistryManifest.Index) manifest).entries())
          .containsExactly(
              new RegistryManifest.Entry(A, Optional.of("linux"), Optional.of("amd64"), Map.of()),
              new RegistryManifest.Entry(B, Optional.of("linux"), Optional.of("arm64"), Map.of()),
              new RegistryManifest.Entry(C, Optional.empty(), Optional.empty(), Map.of()));
    }
    assertThat(registry.requests).contains("GET /v2/" + REPO + "/manifests/lts");
  }

  @Test
  void anOciIndexGivesItsEntriesWithPlatformsAndAnnotations() throws Exception {
    String json =
        """
        {"schemaVersion": 2, "mediaType": "%s", "manifests": [
          {"mediaType": "%s", "size": 500, "digest": "%s",
           "platform": {"architecture": "amd64", "os": "linux"}},
          {"mediaType": "%s", "size": 500, "digest": "%s",
           "platform": {"architecture": "unknown", "os": "unknown"},
           "annotations": {"vnd.docker.reference.type": "attestation-manifest",
                           "vnd.docker.reference.digest": "%s"}}
        ]}"""
            .formatted(OCI_INDEX_TYPE, OCI_TYPE, A, OCI_TYPE, B, A);
    registry.manifest(REPO, "lts", OCI_INDEX_TYPE, json);

    try (RegistrySession session = session()) {
      RegistryManifest manifest = session.pullManifest("lts");

      assertThat(manifest).isInstanceOf(RegistryManifest.Index.class);
      assertThat(manifest.digest()).isEqualTo(FakeRegistry.digest(json));
      assertThat(((RegistryManifest.Index) manifest).entries())
          .containsExactly(
              new RegistryManifest.Entry(A, Optional.of("linux"), Optional.of("amd64"), Map.of()),
              new RegistryManifest.Entry(
                  B,
                  Optional.of("unknown"),
                  Optional.of("unknown"),
                  Map.of(
                      "vnd.docker.reference.type",
                      "attestation-manifest",
                      "vnd.docker.reference.digest",
                      A)));
    }
  }

  @Test
  void aDockerImageManifestGivesItsConfigAndLayersBottomFirst() throws Exception {
    String json = imageManifest(V22_TYPE, "application/vnd.docker.image.rootfs.diff.tar.gzip");
    registry.manifest(REPO, A, V22_TYPE, json);

    try (RegistrySession session = session()) {
      RegistryManifest manifest = session.pullManifest(A);

      assertThat(manifest)
          .isEqualTo(
              new RegistryManifest.Image(
                  FakeRegistry.digest(json),
                  2,
                  Optional.of(V22_TYPE),
                  Optional.of(new RegistryManifest.Blob(CONFIG, 1234)),
                  List.of(
                      new RegistryManifest.Blob(LAYER1, 1000),
                      new RegistryManifest.Blob(LAYER2, 2000)),
                  true));
    }
  }

  @Test
  void anOciImageManifestIsNoDockerV22Manifest() throws Exception {
    String json = imageManifest(OCI_TYPE, "application/vnd.oci.image.layer.v1.tar+gzip");
    registry.manifest(REPO, "1.0", OCI_TYPE, json);

    try (RegistrySession session = session()) {
      RegistryManifest manifest = session.pullManifest("1.0");

      assertThat(manifest).isInstanceOf(RegistryManifest.Image.class);
      RegistryManifest.Image image = (RegistryManifest.Image) manifest;
      assertThat(image.dockerV22()).isFalse();
      assertThat(image.mediaType()).contains(OCI_TYPE);
      assertThat(image.layers())
          .extracting(RegistryManifest.Blob::digest)
          .containsExactly(LAYER1, LAYER2);
    }
  }

  private static String imageManifest(String type, String layerType) {
    return """
        {"schemaVersion": 2, "mediaType": "%s",
         "config": {"mediaType": "application/vnd.docker.container.image.v1+json",
                    "size": 1234, "digest": "%s"},
         "layers": [{"mediaType": "%s", "size": 1000, "digest": "%s"},
                    {"mediaType": "%s", "size": 2000, "digest": "%s"}]}"""
        .formatted(type, CONFIG, layerType, LAYER1, layerType, LAYER2);
  }

  @Test
  void anImageConfigSaysItsPlatformWithJibsDefaults() throws Exception {
    assertThat(
            ImageJson.configPlatform(
                "{\"architecture\":\"arm64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\"}}"
                    .getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new ImageJson.ConfigPlatform(Optional.of("linux"), Optional.of("arm64")));
    // Jib's template defaults a config without them to linux/amd64 ...
    assertThat(ImageJson.configPlatform("{}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new ImageJson.ConfigPlatform(Optional.of("linux"), Optional.of("amd64")));
    // ... and only an explicit null says nothing
    assertThat(
            ImageJson.configPlatform(
                "{\"architecture\":null,\"os\":null}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new ImageJson.ConfigPlatform(Optional.empty(), Optional.empty()));
  }

  @Test
  void aBlobIsReadOnlyWhenWrittenAndReportsItsProgress() throws Exception {
    byte[] content = "the bytes of a layer".getBytes(StandardCharsets.UTF_8);
    String digest = FakeRegistry.digest(content);
    registry.answer(
        "GET",
        "/v2/" + REPO + "/blobs/" + digest,
        200,
        Map.of("Content-Type", "application/octet-stream"),
        content);

    try (RegistrySession session = session()) {
      AtomicLong progress = new AtomicLong();
      RegistrySession.Download download =
          session.pullBlob(DescriptorDigest.fromDigest(digest), progress::addAndGet);
      assertThat(registry.requests).doesNotContain("GET /v2/" + REPO + "/blobs/" + digest);

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      download.writeTo(out);

      assertThat(out.toByteArray()).isEqualTo(content);
      assertThat(progress.get()).isEqualTo(content.length);
    }
  }

  @Test
  void aBlobIsCheckedAndMountedFromTheBaseRepository() throws Exception {
    registry.answer("HEAD", "/v2/target/blobs/" + LAYER1, 200, Map.of(), new byte[0]);
    registry.answer(
        "POST",
        "/v2/target/blobs/uploads/",
        201,
        Map.of("Location", "/v2/target/blobs/" + LAYER2, "Docker-Content-Digest", LAYER2),
        new byte[0]);

    try (RegistrySession session =
        RegistrySession.forMount(
            registry.host(), "target", "base", Optional.empty(), true, log::add)) {
      assertThat(session.hasBlob(DescriptorDigest.fromDigest(LAYER1))).isTrue();
      assertThat(session.hasBlob(DescriptorDigest.fromDigest(LAYER2))).isFalse();
      assertThat(session.mountBlob(DescriptorDigest.fromDigest(LAYER2), "base")).isTrue();
    }
    assertThat(registry.requests)
        .contains("POST /v2/target/blobs/uploads/?mount=" + LAYER2 + "&from=base");
  }

  @Test
  void aMissingManifestFailsWithItsHttpStatusInTheCauseChain() throws Exception {
    try (RegistrySession session = session()) {
      Throwable failure = catchThrowable(() -> session.pullManifest("missing"));

      assertThat(failure).isNotNull();
      assertThat(statusIn(failure)).hasValue(404);
      assertThat(credentialsNotSentIn(failure)).isFalse();
    }
  }

  @Test
  void aMissingBlobFailsWithItsHttpStatusInTheCauseChain() throws Exception {
    try (RegistrySession session = session()) {
      Throwable failure =
          catchThrowable(
              () ->
                  session
                      .pullBlob(DescriptorDigest.fromDigest(LAYER1), n -> {})
                      .writeTo(new ByteArrayOutputStream()));

      assertThat(failure).isNotNull();
      assertThat(statusIn(failure)).hasValue(404);
    }
  }

  @Test
  void aPlainHttpRegistryAskingForCredentialsGetsNoneAndJibSaysSo() throws Exception {
    registry.answer(
        "GET",
        "/v2/",
        401,
        Map.of("WWW-Authenticate", "Basic realm=\"fake\"", "Content-Type", "application/json"),
        "{}");
    registry.answer(
        "GET",
        "/v2/" + REPO + "/manifests/lts",
        401,
        Map.of("WWW-Authenticate", "Basic realm=\"fake\"", "Content-Type", "application/json"),
        "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");

    Throwable failure =
        catchThrowable(
            () -> {
              try (RegistrySession session =
                  RegistrySession.forPull(
                      registry.host(),
                      REPO,
                      Optional.of(Credential.from("user", "secret")),
                      true,
                      log::add)) {
                session.pullManifest("lts");
              }
            });

    assertThat(failure).isNotNull();
    assertThat(credentialsNotSentIn(failure)).as("chain of %s", failure).isTrue();
  }

  private static OptionalInt statusIn(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      OptionalInt status = RegistryFailures.httpStatus(t);
      if (status.isPresent()) {
        return status;
      }
    }
    return OptionalInt.empty();
  }

  private static boolean credentialsNotSentIn(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (RegistryFailures.isCredentialsNotSent(t)) {
        return true;
      }
    }
    return false;
  }
}
