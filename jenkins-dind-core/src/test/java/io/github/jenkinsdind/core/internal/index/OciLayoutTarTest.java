package io.github.jenkinsdind.core.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OciLayoutTar} on small hand-made tars in Jib's OCI layout (the real ones are in the {@code
 * it} module's {@code OciLayoutTarTest}): what it refuses, and that it leaves nothing behind.
 */
class OciLayoutTarTest {
  private static final String LAYER = "layer bytes";

  /** The first tar that has a blob gives its bytes (a layer the platforms share is read once). */
  @Test
  void aBlobWhoseBytesAreNotItsDigestIsRefusedAndNothingIsLeft(@TempDir Path dir)
      throws IOException {
    Path good = jibTar(dir.resolve("arm64.tar"), "arm64", LAYER, LAYER);
    Path bad = jibTar(dir.resolve("amd64.tar"), "amd64", "other bytes", LAYER);
    Path target = dir.resolve("out/jenkins.tar");

    assertThatThrownBy(() -> OciLayoutTar.write(List.of(bad, good), "x/y", List.of("1"), target))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("of " + bad + " has 11 bytes of digest");
    assertThat(target).doesNotExist();
    assertThat(dir.resolve("out")).isEmptyDirectory();
  }

  @Test
  void aMissingBlobIsNamed(@TempDir Path dir) throws IOException {
    Path tar = jibTar(dir.resolve("arm64.tar"), "arm64", null, LAYER);

    assertThatThrownBy(
            () -> OciLayoutTar.write(List.of(tar), "x/y", List.of("1"), dir.resolve("o.tar")))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(tar + " has no blobs/sha256/" + sha(LAYER).substring(7));
  }

  @Test
  void theVariantComesFromTheConfig(@TempDir Path dir) throws IOException {
    Path tar = jibTar(dir.resolve("arm.tar"), "arm\",\"variant\":\"v7", LAYER, LAYER);

    ImageIndex index = OciLayoutTar.write(List.of(tar), "x/y", List.of("1"), dir.resolve("o.tar"));

    assertThat(index.manifests().get(0).platform())
        .contains(new IndexPlatform("linux", "arm", java.util.Optional.of("v7")));
  }

  /** A tar as Jib writes one in the OCI format, whose layer blob holds {@code layerBytes}. */
  private static Path jibTar(Path file, String architecture, String layerBytes, String layerNamed)
      throws IOException {
    String config = "{\"architecture\":\"" + architecture + "\",\"os\":\"linux\"}";
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaTypes.OCI_MANIFEST
            + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
            + "\"digest\":\""
            + sha(config)
            + "\",\"size\":"
            + config.length()
            + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
            + "\"digest\":\""
            + sha(layerNamed)
            + "\",\"size\":"
            + layerNamed.length()
            + "}]}";
    String index =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaTypes.OCI_INDEX
            + "\",\"manifests\":[{\"mediaType\":\""
            + MediaTypes.OCI_MANIFEST
            + "\",\"digest\":\""
            + sha(manifest)
            + "\",\"size\":"
            + manifest.length()
            + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"x/y:1\"}}]}";
    Map<String, String> entries = new LinkedHashMap<>();
    if (layerBytes != null) {
      entries.put("blobs/sha256/" + sha(layerNamed).substring(7), layerBytes);
    }
    entries.put("blobs/sha256/" + sha(config).substring(7), config);
    entries.put("blobs/sha256/" + sha(manifest).substring(7), manifest);
    entries.put("oci-layout", "{\"imageLayoutVersion\": \"1.0.0\"}");
    entries.put("index.json", index);
    try (OutputStream out = Files.newOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (Map.Entry<String, String> e : entries.entrySet()) {
        byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
    }
    return file;
  }

  private static String sha(String text) {
    return ImageIndex.sha256(text.getBytes(StandardCharsets.UTF_8));
  }
}
