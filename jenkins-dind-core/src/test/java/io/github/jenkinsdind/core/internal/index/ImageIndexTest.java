package io.github.jenkinsdind.core.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ImageIndexTest {
  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);
  private static final IndexPlatform AMD64 = IndexPlatform.of("linux", "amd64");
  private static final IndexPlatform ARM_V7 = new IndexPlatform("linux", "arm", Optional.of("v7"));

  private static ImageIndex.Descriptor docker(String digest, long size, IndexPlatform platform) {
    return ImageIndex.Descriptor.manifest(MediaTypes.DOCKER_MANIFEST, digest, size, platform);
  }

  private static ImageIndex.Descriptor oci(String digest, long size, IndexPlatform platform) {
    return ImageIndex.Descriptor.manifest(MediaTypes.OCI_MANIFEST, digest, size, platform);
  }

  @Test
  void dockerManifestsMakeADockerManifestListWithFixedBytes() {
    ImageIndex index = ImageIndex.following(List.of(docker(A, 525, AMD64), docker(B, 700, ARM_V7)));

    assertThat(index.format()).isEqualTo(ImageIndex.Format.DOCKER);
    assertThat(new String(index.json(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"schemaVersion\":2,"
                + "\"mediaType\":\"application/vnd.docker.distribution.manifest.list.v2+json\","
                + "\"manifests\":["
                + "{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"digest\":\""
                + A
                + "\",\"size\":525,\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},"
                + "{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"digest\":\""
                + B
                + "\",\"size\":700,"
                + "\"platform\":{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\"}}]}");
    assertThat(index.digest()).isEqualTo(ImageIndex.sha256(index.json()));
  }

  @Test
  void ociManifestsMakeAnOciIndexThatJsonReadersRead() throws Exception {
    ImageIndex index = ImageIndex.following(List.of(oci(A, 1, AMD64), oci(B, 2, ARM_V7)));

    JsonNode json = new ObjectMapper().readTree(index.json());
    assertThat(index.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
    assertThat(json.get("schemaVersion").asInt()).isEqualTo(2);
    assertThat(json.get("mediaType").asText()).isEqualTo(MediaTypes.OCI_INDEX);
    assertThat(json.get("manifests")).hasSize(2);
    assertThat(json.get("manifests").get(1).get("platform").get("variant").asText())
        .isEqualTo("v7");
    assertThat(json.get("manifests").get(0).get("mediaType").asText())
        .isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(index.digestOf(ARM_V7)).contains(B);
    assertThat(index.digestOf(IndexPlatform.of("linux", "s390x"))).isEmpty();
  }

  @Test
  void theSameValueGivesTheSameDigestWhateverTheOrderOfItsAnnotations() {
    Map<String, String> one = new TreeMap<>(Map.of("b", "2", "a", "1"));
    java.util.LinkedHashMap<String, String> other = new java.util.LinkedHashMap<>();
    other.put("b", "2");
    other.put("a", "1");
    ImageIndex first = new ImageIndex(ImageIndex.Format.OCI, List.of(withAnnotations(one)));
    ImageIndex second = new ImageIndex(ImageIndex.Format.OCI, List.of(withAnnotations(other)));

    assertThat(first.json()).isEqualTo(second.json());
    assertThat(first.digest()).isEqualTo(second.digest()).startsWith("sha256:").hasSize(71);
    assertThat(new String(first.json(), StandardCharsets.UTF_8))
        .endsWith("\"annotations\":{\"a\":\"1\",\"b\":\"2\"}}]}");
  }

  @Test
  void annotationsAreEscaped() throws Exception {
    ImageIndex index =
        new ImageIndex(
            ImageIndex.Format.OCI,
            List.of(withAnnotations(Map.of("k", "a \"quoted\" \\ value\n\u00e9"))));

    JsonNode json = new ObjectMapper().readTree(index.json());
    assertThat(json.get("manifests").get(0).get("annotations").get("k").asText())
        .isEqualTo("a \"quoted\" \\ value\n\u00e9");
  }

  @Test
  void theDescriptorOfAnIndexNamesItsBytes() {
    ImageIndex index = ImageIndex.following(List.of(oci(A, 1, AMD64)));

    ImageIndex.Descriptor descriptor =
        index.descriptor(Map.of("org.opencontainers.image.ref.name", "1.0"));

    assertThat(descriptor.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
    assertThat(descriptor.digest()).isEqualTo(index.digest());
    assertThat(descriptor.size()).isEqualTo(index.json().length);
    assertThat(descriptor.platform()).isEmpty();
    assertThat(descriptor.annotations()).containsEntry("org.opencontainers.image.ref.name", "1.0");
  }

  @Test
  void mixedOrUnknownOrMissingManifestsAreRefused() {
    assertThatThrownBy(() -> ImageIndex.following(List.of(docker(A, 1, AMD64), oci(B, 1, ARM_V7))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(MediaTypes.DOCKER_MANIFEST);
    assertThatThrownBy(() -> ImageIndex.following(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                ImageIndex.following(
                    List.of(ImageIndex.Descriptor.manifest("text/plain", A, 1, AMD64))))
        .hasMessageContaining("text/plain");
    assertThatThrownBy(() -> ImageIndex.following(List.of(withAnnotations(Map.of()))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDockerListRefusesAnnotationsOciManifestsAndTwoImagesOfOnePlatform() {
    assertThatThrownBy(
            () -> new ImageIndex(ImageIndex.Format.DOCKER, List.of(withAnnotations(Map.of()))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ImageIndex(ImageIndex.Format.DOCKER, List.of(oci(A, 1, AMD64))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ImageIndex.following(List.of(oci(A, 1, AMD64), oci(B, 1, AMD64))))
        .hasMessage("two manifests for linux/amd64");
  }

  @Test
  void aDescriptorChecksItsDigestAndSize() {
    assertThatThrownBy(() -> oci("sha256:abc", 1, AMD64))
        .hasMessage("not a sha256 digest: sha256:abc");
    assertThatThrownBy(() -> oci(A.toUpperCase(), 1, AMD64))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> oci(A, -1, AMD64)).isInstanceOf(IllegalArgumentException.class);
  }

  private static ImageIndex.Descriptor withAnnotations(Map<String, String> annotations) {
    return new ImageIndex.Descriptor(
        MediaTypes.OCI_INDEX, A, 10, Optional.empty(), new TreeMap<>(annotations));
  }
}
