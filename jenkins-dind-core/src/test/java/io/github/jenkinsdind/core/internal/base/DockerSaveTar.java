package io.github.jenkinsdind.core.internal.base;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Writes {@code docker save} tars for tests, in Docker 20.10's layout or the newer blobs one. */
final class DockerSaveTar {
  enum Layout {
    /** {@code <id>/layer.tar}, {@code <hex>.json}; identical layers as symbolic links. */
    LEGACY,
    /** {@code blobs/sha256/<hex>}, with index.json and oci-layout. */
    BLOBS
  }

  /** An image: its tags, platform and layers, bottom-up. */
  record Image(List<String> tags, String os, String architecture, List<byte[]> layers) {
    byte[] config() {
      String diffIds =
          layers.stream()
              .map(l -> "\"sha256:" + BaseFilesCache.sha256Hex(l) + "\"")
              .collect(Collectors.joining(","));
      return ("{\"architecture\":\""
              + architecture
              + "\",\"os\":\""
              + os
              + "\",\"config\":{\"User\":\"jenkins\"},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
              + diffIds
              + "]}}")
          .getBytes(StandardCharsets.UTF_8);
    }

    String id() {
      return "sha256:" + BaseFilesCache.sha256Hex(config());
    }
  }

  private DockerSaveTar() {}

  static void write(Path file, Layout layout, Image... images) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      Set<String> written = new HashSet<>();
      Map<String, String> legacyPathOfContent = new HashMap<>();
      StringBuilder manifest = new StringBuilder("[");
      for (int i = 0; i < images.length; i++) {
        Image image = images[i];
        byte[] config = image.config();
        String configHex = BaseFilesCache.sha256Hex(config);
        String configName =
            layout == Layout.LEGACY ? configHex + ".json" : "blobs/sha256/" + configHex;
        if (written.add(configName)) {
          file(tar, configName, config);
        }
        List<String> layerNames = new ArrayList<>();
        for (int j = 0; j < image.layers().size(); j++) {
          byte[] layer = image.layers().get(j);
          String hex = BaseFilesCache.sha256Hex(layer);
          if (layout == Layout.BLOBS) {
            String name = "blobs/sha256/" + hex;
            if (written.add(name)) {
              file(tar, name, layer);
            }
            layerNames.add(name);
          } else {
            String id =
                BaseFilesCache.sha256Hex(
                    (i + ":" + j + ":" + hex).getBytes(StandardCharsets.UTF_8));
            String name = id + "/layer.tar";
            dir(tar, id + "/");
            file(tar, id + "/VERSION", "1.0".getBytes(StandardCharsets.UTF_8));
            String first = legacyPathOfContent.putIfAbsent(hex, name);
            if (first == null) {
              file(tar, name, layer);
            } else {
              TarArchiveEntry link = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
              link.setLinkName("../" + first);
              tar.putArchiveEntry(link);
              tar.closeArchiveEntry();
            }
            layerNames.add(name);
          }
        }
        if (i > 0) {
          manifest.append(',');
        }
        manifest
            .append("{\"Config\":\"")
            .append(configName)
            .append("\",\"RepoTags\":")
            .append(
                image.tags().isEmpty()
                    ? "null"
                    : image.tags().stream()
                        .map(t -> "\"" + t + "\"")
                        .collect(Collectors.joining(",", "[", "]")))
            .append(",\"Layers\":")
            .append(
                layerNames.stream()
                    .map(t -> "\"" + t + "\"")
                    .collect(Collectors.joining(",", "[", "]")))
            .append('}');
      }
      manifest.append(']');
      if (layout == Layout.BLOBS) {
        file(
            tar,
            "oci-layout",
            "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        file(
            tar,
            "index.json",
            "{\"schemaVersion\":2,\"manifests\":[]}".getBytes(StandardCharsets.UTF_8));
      }
      file(tar, "manifest.json", manifest.toString().getBytes(StandardCharsets.UTF_8));
      tar.finish();
    }
  }

  private static void file(TarArchiveOutputStream tar, String name, byte[] content)
      throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(content.length);
    e.setMode(0100644);
    tar.putArchiveEntry(e);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static void dir(TarArchiveOutputStream tar, String name) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode(040755);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }
}
