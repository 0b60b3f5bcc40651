package io.github.jenkinsdind.core.internal.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.jenkinsdind.core.api.JenkinsPlugins;
import io.github.jenkinsdind.core.internal.download.CacheFiles;
import io.github.jenkinsdind.core.internal.download.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Remembers resolutions in the cache ({@code jenkins-plugins/resolutions/<key>.json}), so that a
 * warm build with the same inputs and the same update center file neither parses the update
 * center's JSON (megabytes) nor scans {@code plugin-versions.json} (tens of megabytes) again. The
 * key is the sha256 of everything resolution depends on: the requests, the update center file's
 * sha256, the Jenkins version, the bundled plugins and the options.
 */
final class ResolutionMemo {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A remembered resolution. */
  record Memo(List<LockedPlugin> plugins, Map<String, String> leftOut, List<String> warnings) {}

  private final Path directory;

  ResolutionMemo(Path pluginsCache) {
    this.directory = pluginsCache.resolve("resolutions");
  }

  static String key(
      List<PluginSpec> specs,
      String centerSha256,
      String jenkins,
      Map<String, String> bundled,
      JenkinsPlugins request) {
    StringBuilder text = new StringBuilder("v1\n");
    specs.forEach(
        s ->
            text.append(s.id())
                .append(' ')
                .append(s.kind())
                .append(' ')
                .append(s.version())
                .append(' ')
                .append(s.url())
                .append('\n'));
    text.append(centerSha256).append('\n').append(jenkins).append('\n');
    text.append(new TreeMap<>(bundled)).append('\n');
    text.append(request.effectivePluginVersionsUrl()).append('\n').append(request.downloadUrl());
    text.append('\n').append(request.failOnWarnings());
    return Sha256.ofText(text.toString());
  }

  Optional<Memo> read(String key) {
    Path file = directory.resolve(key + ".json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      List<LockedPlugin> plugins = new ArrayList<>();
      for (JsonNode p : root.path("plugins")) {
        plugins.add(
            new LockedPlugin(
                p.path("id").asText(),
                p.path("version").asText(),
                p.path("sha256").asText(),
                p.path("url").asText()));
      }
      Map<String, String> leftOut = new TreeMap<>();
      root.path("leftOut")
          .fields()
          .forEachRemaining(e -> leftOut.put(e.getKey(), e.getValue().asText()));
      List<String> warnings = new ArrayList<>();
      root.path("warnings").forEach(w -> warnings.add(w.asText()));
      return Optional.of(new Memo(plugins, leftOut, warnings));
    } catch (IOException | RuntimeException e) {
      CacheFiles.deleteQuietly(file);
      return Optional.empty();
    }
  }

  void write(String key, Memo memo) {
    ObjectNode root = JSON.createObjectNode();
    var plugins = root.putArray("plugins");
    memo.plugins()
        .forEach(
            p ->
                plugins
                    .addObject()
                    .put("id", p.id())
                    .put("version", p.version())
                    .put("sha256", p.sha256())
                    .put("url", p.url()));
    ObjectNode leftOut = root.putObject("leftOut");
    memo.leftOut().forEach(leftOut::put);
    var warnings = root.putArray("warnings");
    memo.warnings().forEach(warnings::add);
    Path file = directory.resolve(key + ".json");
    try {
      Path temporary = CacheFiles.temporaryBeside(file);
      Files.writeString(temporary, root.toPrettyString(), StandardCharsets.UTF_8);
      CacheFiles.commit(temporary, file);
    } catch (IOException e) {
      // not remembered: the next build resolves again
    }
  }
}
