package io.github.jenkinsdind.maven;

import io.github.jenkinsdind.core.api.BuildResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes what a build made into {@code target/jenkins-dind/}, for release tooling: {@value #DIGEST}
 * (the manifest digest), {@value #IMAGE_ID} (the image ID), {@value #JSON} (image, tags, digest,
 * image ID, base, docker CLI, GID, Jenkins version and plugins) and, when plugins were asked for,
 * {@value #PLUGINS_LOCK} (the exact plugin set, to give back as {@code pluginsLockFile}).
 */
final class ResultFiles {
  /** The file holding the manifest digest, {@code sha256:...}. */
  static final String DIGEST = "image.digest";

  /** The file holding the image ID, {@code sha256:...}. */
  static final String IMAGE_ID = "image.id";

  /** The JSON summary. */
  static final String JSON = "image.json";

  /** The plugins of the image, exactly: a {@code pluginsLockFile} for the next build. */
  static final String PLUGINS_LOCK = "plugins.lock";

  private ResultFiles() {}

  /**
   * Writes the three files, each replaced whole (written aside, then moved into place).
   *
   * @param directory the directory, created if missing
   * @param result the build's result
   * @param target the target kind, recorded in the JSON
   * @throws IOException if a file cannot be written
   */
  static void write(Path directory, BuildResult result, String target) throws IOException {
    Files.createDirectories(directory);
    replace(directory.resolve(DIGEST), result.digest() + "\n");
    replace(directory.resolve(IMAGE_ID), result.imageId() + "\n");
    replace(directory.resolve(JSON), json(result, target));
    if (result.pluginsLock() != null) {
      replace(directory.resolve(PLUGINS_LOCK), result.pluginsLock());
    }
  }

  /**
   * Returns the JSON summary of a result.
   *
   * @param result the result
   * @param target the target kind
   * @return the JSON text, ending with a newline
   */
  static String json(BuildResult result, String target) {
    List<String> tags = result.tags().stream().sorted().collect(Collectors.toList());
    StringBuilder out = new StringBuilder("{\n");
    field(out, "image", quote(result.image()));
    field(out, "target", quote(target));
    field(
        out,
        "tags",
        tags.stream().map(ResultFiles::quote).collect(Collectors.joining(", ", "[", "]")));
    field(out, "digest", quote(result.digest()));
    field(out, "imageId", quote(result.imageId()));
    field(out, "baseImage", quote(result.baseImage()));
    field(out, "baseDigest", quote(result.baseDigest()));
    field(out, "dockerCliVersion", quote(result.dockerCliVersion()));
    field(out, "dockerCliSha256", quote(result.dockerCliSha256()));
    field(
        out,
        "cliPlugins",
        result.cliPlugins().stream()
            .map(
                plugin ->
                    "{\"name\": "
                        + quote(plugin.name())
                        + ", \"version\": "
                        + quote(plugin.version())
                        + ", \"path\": "
                        + quote(plugin.path())
                        + ", \"sha256\": "
                        + quote(plugin.sha256())
                        + "}")
            .collect(Collectors.joining(", ", "[", "]")));
    field(out, "dockerGid", Long.toString(result.dockerGid()));
    field(out, "upToDate", Boolean.toString(result.upToDate()));
    field(out, "jenkinsVersion", quote(result.jenkinsVersion()));
    field(
        out,
        "plugins",
        result.plugins().stream()
            .map(
                plugin ->
                    "{\"id\": "
                        + quote(plugin.id())
                        + ", \"version\": "
                        + quote(plugin.version())
                        + ", \"sha256\": "
                        + quote(plugin.sha256())
                        + "}")
            .collect(Collectors.joining(", ", "[", "]")));
    if (!result.platformDigests().isEmpty()) {
      field(
          out,
          "platforms",
          result.platformDigests().entrySet().stream()
              .map(e -> quote(e.getKey()) + ": " + quote(e.getValue()))
              .collect(Collectors.joining(", ", "{", "}")));
    }
    out.setLength(out.length() - 2);
    return out.append("\n}\n").toString();
  }

  private static void field(StringBuilder out, String name, String jsonValue) {
    out.append("  ").append(quote(name)).append(": ").append(jsonValue).append(",\n");
  }

  /**
   * Quotes a string for JSON; {@code null} becomes {@code null}.
   *
   * @param text the text
   * @return the JSON string literal
   */
  static String quote(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static void replace(Path file, String content) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, content, StandardCharsets.UTF_8);
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
