package io.github.jenkinsdind.it.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.CredentialProvider;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.base.BaseFilesCache;
import io.github.jenkinsdind.core.internal.base.BaseManifest;
import io.github.jenkinsdind.core.internal.base.RegistryBaseSource;
import io.github.jenkinsdind.core.internal.registry.RegistryCredentials;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Variant;
import io.github.jenkinsdind.it.support.TestServices;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RegistryBaseSource} against the real plain registry: single images, Docker manifest lists
 * and OCI indexes, digests checked with skopeo, layers read back, failures.
 */
class RegistryBaseSourceTest {
  private static final ImagePlatform AMD64 = ImagePlatform.LINUX_AMD64;
  private static final ImagePlatform ARM64 = new ImagePlatform("linux", "arm64");

  private static TestServices services;

  @TempDir Path cacheDir;
  private final List<Event> events = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void services() {
    services = TestServices.get().requireRunning();
  }

  private RegistryBaseSource source(String reference) throws ConfigurationException {
    return RegistryBaseSource.create(
        reference,
        true,
        false,
        new RegistryCredentials(CredentialProvider.NONE, events::add),
        new BaseFilesCache(cacheDir, events::add),
        events::add);
  }

  /**
   * The platform manifests of a manifest list or index, read with skopeo (not with the code under
   * test).
   */
  private static Map<String, String> digestsBySkopeo(String reference) throws IOException {
    String raw =
        Commands.stdout(
            Duration.ofSeconds(60),
            "skopeo",
            "inspect",
            "--raw",
            "--tls-verify=false",
            "docker://" + reference);
    JsonNode list = new ObjectMapper().readTree(raw);
    Map<String, String> digests = new TreeMap<>();
    for (JsonNode entry : list.path("manifests")) {
      digests.put(
          entry.path("platform").path("os").asText()
              + "/"
              + entry.path("platform").path("architecture").asText(),
          entry.path("digest").asText());
    }
    digests.put("mediaType", list.path("mediaType").asText());
    return digests;
  }

  @Test
  void aSingleImageResolvesToItsManifestDigestAndItsLayersReadBack() throws Exception {
    JenkinsBaseImages.Built plain = JenkinsBaseImages.inRegistry(Variant.PLAIN);

    try (RegistryBaseSource source = source(plain.reference())) {
      BaseManifest manifest = source.resolve(AMD64);

      assertThat(manifest.digest()).isEqualTo(plain.digest());
      assertThat(manifest.platform()).isEqualTo(AMD64);
      assertThat(manifest.layers())
          .hasSize(3)
          .allSatisfy(
              l ->
                  assertThat(l.mediaType())
                      .isEqualTo("application/vnd.docker.image.rootfs.diff.tar.gzip"));
      Map<String, String> rootfs = Layers.smallFiles(source.openLayer(manifest.layers().get(0)));
      assertThat(rootfs)
          .containsEntry("etc/passwd", JenkinsBaseImages.etcPasswd(Variant.PLAIN))
          .containsEntry("etc/group", JenkinsBaseImages.etcGroup(Variant.PLAIN).orElseThrow());
    }
    assertThat(new BaseFilesCache(cacheDir, events::add).digestFor(plain.reference(), AMD64))
        .contains(plain.digest());
    assertThat(events)
        .noneMatch(e -> e instanceof Event.Log log && log.level() == Event.Level.WARN);
  }

  @Test
  void aSingleImageOfAnotherPlatformNamesThePlatformItHas() throws Exception {
    JenkinsBaseImages.Built plain = JenkinsBaseImages.inRegistry(Variant.PLAIN);

    try (RegistryBaseSource source = source(plain.reference())) {
      assertThatThrownBy(() -> source.resolve(ARM64))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "base image " + plain.reference() + " is a linux/amd64 image, not linux/arm64")
          .satisfies(
              e -> {
                JenkinsDindException j = (JenkinsDindException) e;
                assertThat(j.setting()).contains(Setting.PLATFORM);
                assertThat(j.suggestion().orElseThrow())
                    .startsWith("perhaps you should set platform to linux/amd64");
              });
    }
  }

  @Test
  void aDockerManifestListGivesEachPlatformItsOwnManifest() throws Exception {
    JenkinsBaseImages.Built multi = JenkinsBaseImages.inRegistry(Variant.MULTI_PLATFORM);
    Map<String, String> expected = digestsBySkopeo(multi.reference());
    assertThat(expected)
        .containsEntry("mediaType", "application/vnd.docker.distribution.manifest.list.v2+json");

    try (RegistryBaseSource source = source(multi.reference())) {
      BaseManifest amd64 = source.resolve(AMD64);
      BaseManifest arm64 = source.resolve(ARM64);

      assertThat(amd64.digest())
          .isEqualTo(expected.get("linux/amd64"))
          .isNotEqualTo(multi.digest());
      assertThat(arm64.digest())
          .isEqualTo(expected.get("linux/arm64"))
          .isNotEqualTo(amd64.digest());
      assertThat(arm64.platform()).isEqualTo(ARM64);
      assertThat(arm64.layers()).hasSize(3);

      assertThatThrownBy(() -> source.resolve(new ImagePlatform("linux", "s390x")))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "base image "
                  + multi.reference()
                  + " has no linux/s390x image; it has linux/amd64, linux/arm64")
          .satisfies(
              e -> {
                JenkinsDindException j = (JenkinsDindException) e;
                assertThat(j.setting()).contains(Setting.PLATFORM);
                assertThat(j.value()).contains("linux/s390x");
                assertThat(j.suggestion())
                    .contains(
                        "perhaps you should set platform to one of: linux/amd64, linux/arm64");
              });
    }
  }

  @Test
  void anOciIndexByTagOrByDigestGivesThePlatformManifest() throws Exception {
    String index = ociIndexOfTheMultiPlatformFixture();
    Map<String, String> expected = digestsBySkopeo(index);
    assertThat(expected).containsEntry("mediaType", "application/vnd.oci.image.index.v1+json");
    String pinned = index.substring(0, index.lastIndexOf(':')) + "@" + skopeoDigest(index);

    try (RegistryBaseSource byTag = source(index);
        RegistryBaseSource byDigest = source(pinned)) {
      BaseManifest arm64 = byTag.resolve(ARM64);

      assertThat(arm64.digest()).isEqualTo(expected.get("linux/arm64"));
      assertThat(byDigest.resolve(ARM64).digest()).isEqualTo(arm64.digest());
      assertThat(byDigest.resolve(AMD64).digest()).isEqualTo(expected.get("linux/amd64"));
      assertThat(arm64.layers()).hasSize(3).allSatisfy(l -> assertThat(l.mediaType()).isNull());
      assertThat(Layers.smallFiles(byTag.openLayer(arm64.layers().get(0))))
          .containsEntry("etc/passwd", JenkinsBaseImages.etcPasswd(Variant.PLAIN));
    }
  }

  @Test
  void anAttestationInAnOciIndexIsNotTakenForAnImage() throws Exception {
    String index = ociIndexOfTheMultiPlatformFixture();
    Map<String, String> platforms = digestsBySkopeo(index);
    String amd64 = platforms.get("linux/amd64");
    String arm64 = platforms.get("linux/arm64");
    // as BuildKit writes them, but listed first and (wrongly) claiming linux/amd64, so that only
    // the annotation
    // tells it apart; and an arm64 entry with a variant
    String attested = index.substring(0, index.lastIndexOf(':')) + ":attested";
    putIndex(
        attested,
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
            + "\"manifests\":["
            + descriptor(
                index,
                arm64,
                "\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"},"
                    + "\"annotations\":{\"vnd.docker.reference.type\":\"attestation-manifest\","
                    + "\"vnd.docker.reference.digest\":\""
                    + amd64
                    + "\"}")
            + ","
            + descriptor(index, amd64, "\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}")
            + ","
            + descriptor(
                index,
                arm64,
                "\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}")
            + "]}");

    try (RegistryBaseSource source = source(attested)) {
      assertThat(source.resolve(AMD64).digest()).isEqualTo(amd64);
      assertThat(source.resolve(ARM64).digest()).isEqualTo(arm64);
      assertThatThrownBy(() -> source.resolve(new ImagePlatform("linux", "riscv64")))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageEndingWith("has no linux/riscv64 image; it has linux/amd64, linux/arm64");
    }
  }

  /**
   * Copies the Docker manifest list fixture to an OCI index with skopeo (Jib cannot write OCI
   * indexes).
   */
  private static String ociIndexOfTheMultiPlatformFixture() {
    JenkinsBaseImages.Built multi = JenkinsBaseImages.inRegistry(Variant.MULTI_PLATFORM);
    String index = services.plainRegistry() + "/regtest/oci-index:1";
    Commands.runOrFail(
        Duration.ofSeconds(120),
        "skopeo",
        "copy",
        "--all",
        "--format",
        "oci",
        "--src-tls-verify=false",
        "--dest-tls-verify=false",
        "docker://" + multi.reference(),
        "docker://" + index);
    return index;
  }

  private static String skopeoDigest(String reference) throws Exception {
    return head(reference, "application/vnd.oci.image.index.v1+json")
        .firstValue("Docker-Content-Digest")
        .orElseThrow();
  }

  private static String descriptor(String index, String digest, String more) throws Exception {
    String repository = index.substring(0, index.lastIndexOf(':'));
    long size =
        head(repository + ":" + digest, "application/vnd.oci.image.manifest.v1+json")
            .firstValueAsLong("Content-Length")
            .orElseThrow();
    return "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
        + digest
        + "\",\"size\":"
        + size
        + ","
        + more
        + "}";
  }

  /** HEAD of a manifest, straight from the registry: its digest and size as the registry says. */
  private static java.net.http.HttpHeaders head(String reference, String accept) throws Exception {
    HttpResponse<Void> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(manifestUri(reference))
                    .header("Accept", accept)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    assertThat(response.statusCode()).as("HEAD %s", reference).isEqualTo(200);
    return response.headers();
  }

  /** {@code host/repo:tag} or {@code host/repo:sha256:...} to the manifest URL. */
  private static URI manifestUri(String reference) {
    int slash = reference.indexOf('/');
    String rest = reference.substring(slash + 1);
    int at = rest.indexOf(":sha256:");
    int colon = at >= 0 ? at : rest.lastIndexOf(':');
    return URI.create(
        "http://"
            + reference.substring(0, slash)
            + "/v2/"
            + rest.substring(0, colon)
            + "/manifests/"
            + rest.substring(colon + 1));
  }

  private static void putIndex(String reference, String json) throws Exception {
    URI uri = manifestUri(reference);
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/vnd.oci.image.index.v1+json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("PUT %s: %s", uri, response.body()).isEqualTo(201);
  }

  @Test
  void aFullReadVerifiesTheDigestAndEndsTheWriter() throws Exception {
    JenkinsBaseImages.Built plain = JenkinsBaseImages.inRegistry(Variant.PLAIN);

    try (RegistryBaseSource source = source(plain.reference())) {
      BaseManifest.Layer war = source.resolve(AMD64).layers().get(1);
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      long total = 0;
      try (InputStream in = source.openLayer(war)) {
        byte[] buffer = new byte[100_000];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          sha256.update(buffer, 0, n);
          total += n;
        }
      }
      assertThat("sha256:" + HexFormat.of().formatHex(sha256.digest())).isEqualTo(war.digest());
      assertThat(total).isEqualTo(war.size()).isGreaterThan(JenkinsBaseImages.DEFAULT_WAR_BYTES);
      assertThat(pullThreads()).isEmpty();
    }
    assertThat(events).anyMatch(e -> e instanceof Event.Progress p && p.unit().equals("bytes"));
  }

  @Test
  void closingALayerEarlyEndsItsDownloadThread() throws Exception {
    JenkinsBaseImages.Built big =
        JenkinsBaseImages.inRegistry(new JenkinsBaseImages.Spec(Variant.PLAIN, 48L * 1024 * 1024));

    try (RegistryBaseSource source = source(big.reference())) {
      BaseManifest.Layer war = source.resolve(AMD64).layers().get(1);
      InputStream in = source.openLayer(war);
      assertThat(in.readNBytes(64 * 1024)).hasSize(64 * 1024);
      assertThat(pullThreads()).hasSize(1);

      long start = System.nanoTime();
      in.close();

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      assertThat(pullThreads()).isEmpty();
      assertThatThrownBy(in::read).isInstanceOf(IOException.class);
      // the source still works after a cancelled download
      assertThat(Layers.smallFiles(source.openLayer(source.resolve(AMD64).layers().get(0))))
          .containsKey("etc/passwd");
    }
  }

  @Test
  void anUnknownTagOrRepositoryIsNotFound() throws Exception {
    String tag =
        services.plainRegistry() + "/" + JenkinsBaseImages.REGISTRY_REPOSITORY + ":no-such-tag";
    String repository = services.plainRegistry() + "/regtest/no-such-repository:1";
    for (String reference : List.of(tag, repository)) {
      try (RegistryBaseSource source = source(reference)) {
        assertThatThrownBy(() -> source.resolve(AMD64))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("image " + reference + " not found in " + services.plainRegistry())
            .satisfies(
                e -> assertThat(((JenkinsDindException) e).setting()).contains(Setting.FROM));
      }
    }
  }

  @Test
  void aMissingBlobFailsTheReadWithTheTranslatedCause() throws Exception {
    JenkinsBaseImages.Built plain = JenkinsBaseImages.inRegistry(Variant.PLAIN);

    try (RegistryBaseSource source = source(plain.reference())) {
      source.resolve(AMD64);
      InputStream in =
          source.openLayer(new BaseManifest.Layer("sha256:" + "0".repeat(64), 10, null));

      assertThatThrownBy(in::read)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("could not download layer sha256:" + "0".repeat(64))
          .cause()
          .isInstanceOf(JenkinsDindException.class);
      in.close();
      assertThat(pullThreads()).isEmpty();
    }
  }

  private static List<String> pullThreads() throws InterruptedException {
    List<String> names = List.of();
    for (int i = 0; i < 50; i++) {
      names =
          Thread.getAllStackTraces().keySet().stream()
              .filter(Thread::isAlive)
              .map(Thread::getName)
              .filter(n -> n.startsWith("jenkins-dind-pull-"))
              .toList();
      if (names.isEmpty()) {
        return names;
      }
      Thread.sleep(20);
    }
    return names;
  }
}
