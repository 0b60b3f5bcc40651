package io.github.jenkinsdind.core.internal.jib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import com.google.cloud.tools.jib.image.json.OciManifestTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link ManifestPush} relies on from jib-core: that its JSON mapper writes a {@link
 * RawManifest} byte for byte, and that a manifest Jib wrote, pulled by its registry client, writes
 * back to the same bytes (which is how its size is told). A jib-core upgrade that changes either
 * fails here.
 */
class ManifestPushContractTest {
  private static final String REPO = "team/app";
  private static final String CONFIG = "sha256:" + "d".repeat(64);
  private static final String LAYER = "sha256:" + "1".repeat(64);

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

  @Test
  void aRawManifestIsWrittenByteForByte() throws IOException {
    String json = "{ \"schemaVersion\" : 2,\n \"b\":\"\u00e9\\\"\", \"a\":[1, 2] }";

    byte[] written =
        JsonTemplateMapper.toByteArray(
            new RawManifest(json.getBytes(StandardCharsets.UTF_8), "application/x-test"));

    assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(json);
  }

  @Test
  void aDockerManifestJibWroteIsPulledWithItsBytes() throws Exception {
    V22ManifestTemplate template = new V22ManifestTemplate();
    assertPulledWithItsBytes(template, V22ManifestTemplate.MANIFEST_MEDIA_TYPE);
  }

  @Test
  void anOciManifestJibWroteIsPulledWithItsBytes() throws Exception {
    OciManifestTemplate template = new OciManifestTemplate();
    assertPulledWithItsBytes(template, OciManifestTemplate.MANIFEST_MEDIA_TYPE);
  }

  @Test
  void aManifestJibDidNotWriteIsRefusedRatherThanGivenAWrongSize() throws Exception {
    String json =
        "{\n  \"schemaVersion\": 2,\n  \"mediaType\": \""
            + V22ManifestTemplate.MANIFEST_MEDIA_TYPE
            + "\",\n  \"config\": {\"mediaType\": \"application/vnd.docker.container.image.v1+json\","
            + " \"digest\": \""
            + CONFIG
            + "\", \"size\": 7},\n  \"layers\": []\n}\n";
    String digest = FakeRegistry.digest(json);
    registry.manifest(REPO, digest, V22ManifestTemplate.MANIFEST_MEDIA_TYPE, json);

    try (RegistrySession session = session()) {
      assertThatThrownBy(() -> ManifestPush.pull(session, digest))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("the manifest " + digest + " was not written by Jib");
    }
  }

  private void assertPulledWithItsBytes(BuildableManifestTemplate template, String mediaType)
      throws Exception {
    template.setContainerConfiguration(7, DescriptorDigest.fromDigest(CONFIG));
    template.addLayer(1234, DescriptorDigest.fromDigest(LAYER));
    byte[] json = JsonTemplateMapper.toByteArray(template);
    String digest = FakeRegistry.digest(json);
    registry.manifest(REPO, digest, mediaType, new String(json, StandardCharsets.UTF_8));

    try (RegistrySession session = session()) {
      ManifestPush.Manifest pulled = ManifestPush.pull(session, digest);

      assertThat(pulled.json()).isEqualTo(json);
      assertThat(pulled.digest()).isEqualTo(digest);
      assertThat(pulled.mediaType()).isEqualTo(mediaType);
    }
  }

  private RegistrySession session() throws Exception {
    return RegistrySession.forPull(registry.host(), REPO, Optional.empty(), true, log::add);
  }
}
