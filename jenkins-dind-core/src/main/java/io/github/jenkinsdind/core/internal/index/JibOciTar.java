package io.github.jenkinsdind.core.internal.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * One platform's image as jib-core 0.27.3 writes a {@code TarImage} in the OCI format: an OCI image
 * layout in a tar ({@code oci-layout}, {@code index.json} naming one OCI manifest, {@code
 * blobs/sha256/...} for the layers, the config and the manifest; no platform in {@code index.json},
 * so it is read from the config). In the Docker format Jib writes a {@code docker save} tar instead
 * ({@code manifest.json}, {@code config.json}, {@code <digest>.tar.gz}), which has no manifest to
 * list in an index: it is refused.
 *
 * <p>Open while its blobs are copied; read at random, so nothing is extracted to disk.
 */
final class JibOciTar implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BLOBS = "blobs/sha256/";

  private final Path file;
  private final TarFile tar;
  private final Map<String, TarArchiveEntry> entries;
  private final ImageIndex.Descriptor manifest;
  private final Map<String, Long> blobs;

  private JibOciTar(Path file, TarFile tar, Map<String, TarArchiveEntry> entries)
      throws IOException {
    this.file = file;
    this.tar = tar;
    this.entries = entries;
    JsonNode index = json("index.json");
    JsonNode manifests = index.path("manifests");
    if (manifests.size() != 1
        || !MediaTypes.OCI_MANIFEST.equals(manifests.get(0).path("mediaType").asText())) {
      throw new IOException(file + " does not name one OCI image manifest in its index.json");
    }
    String digest = manifests.get(0).path("digest").asText();
    JsonNode image = json(blob(digest));
    JsonNode config = json(blob(image.path("config").path("digest").asText()));
    manifest =
        ImageIndex.Descriptor.manifest(
            MediaTypes.OCI_MANIFEST, digest, entry(blob(digest)).getSize(), platform(config));
    blobs = new LinkedHashMap<>();
    blobs.put(digest, manifest.size());
    blobs.put(
        image.path("config").path("digest").asText(), image.path("config").path("size").asLong());
    for (JsonNode layer : image.path("layers")) {
      blobs.put(layer.path("digest").asText(), layer.path("size").asLong());
    }
    for (Map.Entry<String, Long> blob : blobs.entrySet()) {
      if (entry(blob(blob.getKey())).getSize() != blob.getValue()) {
        throw new IOException(file + ": the blob " + blob.getKey() + " is not of its size");
      }
    }
  }

  /**
   * Opens and reads a tar.
   *
   * @param file the tar Jib wrote
   * @return the image in it
   * @throws IOException if it cannot be read or is not an OCI layout of one image
   */
  static JibOciTar open(Path file) throws IOException {
    TarFile tar = new TarFile(file);
    try {
      Map<String, TarArchiveEntry> entries = new HashMap<>();
      for (TarArchiveEntry entry : tar.getEntries()) {
        String name =
            entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
        entries.put(name, entry);
      }
      if (!entries.containsKey("index.json") && entries.containsKey("manifest.json")) {
        throw new IOException(
            file + " is a docker save tar; an index needs each platform in the OCI format");
      }
      return new JibOciTar(file, tar, entries);
    } catch (IOException | RuntimeException e) {
      tar.close();
      throw e;
    }
  }

  /**
   * Returns the descriptor of the image manifest, with the platform of its config.
   *
   * @return the descriptor
   */
  ImageIndex.Descriptor manifest() {
    return manifest;
  }

  /**
   * Returns the blobs of the image: manifest, config, layers.
   *
   * @return their sizes by digest
   */
  Map<String, Long> blobs() {
    return blobs;
  }

  /**
   * Opens a blob.
   *
   * @param digest its digest
   * @return its bytes
   * @throws IOException if it cannot be read
   */
  InputStream openBlob(String digest) throws IOException {
    return tar.getInputStream(entry(blob(digest)));
  }

  /**
   * Returns the tar's file, for messages.
   *
   * @return the file
   */
  Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }

  private static IndexPlatform platform(JsonNode config) {
    String variant = config.path("variant").asText("");
    return new IndexPlatform(
        config.path("os").asText(),
        config.path("architecture").asText(),
        variant.isEmpty() ? Optional.empty() : Optional.of(variant));
  }

  private static String blob(String digest) throws IOException {
    if (!digest.startsWith("sha256:")) {
      throw new IOException("not a sha256 digest: " + digest);
    }
    return BLOBS + digest.substring("sha256:".length());
  }

  private TarArchiveEntry entry(String name) throws IOException {
    TarArchiveEntry entry = entries.get(name);
    if (entry == null) {
      throw new IOException(file + " has no " + name);
    }
    return entry;
  }

  private JsonNode json(String name) throws IOException {
    try (InputStream in = tar.getInputStream(entry(name))) {
      return JSON.readTree(in);
    }
  }
}
