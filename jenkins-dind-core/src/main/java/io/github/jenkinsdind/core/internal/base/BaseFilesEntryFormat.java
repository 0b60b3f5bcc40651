package io.github.jenkinsdind.core.internal.base;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.jenkinsdind.core.internal.files.ImageFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The on-disk form of one {@link BaseFilesCache} entry: {@code entry.json} (each file's path, mode,
 * owner, size and checksum, and the absent paths) and {@code files/<n>} (each file's bytes).
 */
final class BaseFilesEntryFormat {
  /** The version of the format, written into every entry and index file. */
  static final int FORMAT = 1;

  private static final String ENTRY_JSON = "entry.json";
  private static final String FILES_DIR = "files";
  private static final ObjectMapper JSON = new ObjectMapper();

  private BaseFilesEntryFormat() {}

  /**
   * Writes an entry into a new directory; {@code entry.json} last, so that an entry without it is
   * incomplete.
   */
  static void write(Path dir, String digest, BaseFilesCache.Entry entry) throws IOException {
    Path filesDir = dir.resolve(FILES_DIR);
    Files.createDirectories(filesDir);
    ObjectNode node = JSON.createObjectNode();
    node.put("format", FORMAT);
    node.put("digest", digest);
    ArrayNode files = node.putArray("files");
    List<ImageFile> sorted = new ArrayList<>(entry.files().values());
    sorted.sort(Comparator.comparing(ImageFile::path));
    int n = 0;
    for (ImageFile f : sorted) {
      byte[] content = f.content();
      String name = Integer.toString(n++);
      Files.write(filesDir.resolve(name), content);
      ObjectNode fileNode = files.addObject();
      fileNode.put("path", f.path());
      fileNode.put("file", name);
      fileNode.put("size", content.length);
      fileNode.put("sha256", BaseFilesCache.sha256Hex(content));
      fileNode.put("mode", f.mode());
      fileNode.put("uid", f.uid());
      fileNode.put("gid", f.gid());
    }
    ArrayNode absent = node.putArray("absent");
    new TreeSet<>(entry.absent()).forEach(absent::add);
    // Written last: an entry without it is incomplete.
    Files.write(
        dir.resolve(ENTRY_JSON), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
  }

  /** Reads an entry; empty if it is missing, incomplete or does not check out. */
  static Optional<BaseFilesCache.Entry> read(Path dir, String digest) {
    try {
      JsonNode node = JSON.readTree(Files.readAllBytes(dir.resolve(ENTRY_JSON)));
      if (node == null
          || node.path("format").asInt() != FORMAT
          || !digest.equals(node.path("digest").asText(null))
          || !node.path("files").isArray()
          || !node.path("absent").isArray()) {
        return Optional.empty();
      }
      Map<String, ImageFile> files = new LinkedHashMap<>();
      for (JsonNode f : node.path("files")) {
        String path = f.path("path").asText("");
        String name = f.path("file").asText("");
        if (!path.startsWith("/") || !name.matches("[0-9]+")) {
          return Optional.empty();
        }
        byte[] content = Files.readAllBytes(dir.resolve(FILES_DIR).resolve(name));
        if (content.length != f.path("size").asLong(-1)
            || !BaseFilesCache.sha256Hex(content).equals(f.path("sha256").asText(""))) {
          return Optional.empty();
        }
        files.put(
            path,
            new ImageFile(
                path,
                content,
                f.path("mode").asInt(),
                f.path("uid").asLong(),
                f.path("gid").asLong()));
      }
      Set<String> absent = new TreeSet<>();
      for (JsonNode a : node.path("absent")) {
        absent.add(a.asText());
      }
      return Optional.of(new BaseFilesCache.Entry(files, absent));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
