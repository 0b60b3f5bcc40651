package io.github.jenkinsdind.core.internal.plugins;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the update center's JSON: {@code update-center.actual.json} ({@code plugins.<id>} and
 * {@code warnings}) and {@code plugin-versions.json} ({@code plugins.<id>.<version>}), whose
 * entries hold {@code name}, {@code version}, {@code url}, {@code sha256} (base64), {@code
 * requiredCore} and {@code dependencies[{name, version, optional}]}.
 */
public final class UpdateCenterJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private UpdateCenterJson() {}

  /**
   * Reads an {@code update-center.actual.json}.
   *
   * @param in the JSON
   * @return the update center, with no other versions loaded yet
   * @throws IOException if it cannot be read or is not an update center
   */
  public static UpdateCenter readCenter(InputStream in) throws IOException {
    JsonNode root = MAPPER.readTree(in);
    if (root == null || !root.path("plugins").isObject()) {
      throw new IOException("it has no \"plugins\" object, so it is not an update center");
    }
    Map<String, PluginRelease> latest = new TreeMap<>();
    var fields = root.path("plugins").fields();
    while (fields.hasNext()) {
      var field = fields.next();
      latest.put(field.getKey(), release(field.getKey(), field.getValue()));
    }
    List<SecurityWarning> warnings = new ArrayList<>();
    for (JsonNode warning : root.path("warnings")) {
      if ("plugin".equals(warning.path("type").asText("plugin"))) {
        warnings.add(warning(warning));
      }
    }
    return new UpdateCenter(latest, Map.of(), Set.of(), warnings);
  }

  /**
   * Reads the releases of some plugins from a {@code plugin-versions.json}, skipping the others
   * without building them in memory.
   *
   * @param in the JSON
   * @param ids the plugins to read
   * @return their releases, by id and version
   * @throws IOException if it cannot be read or is not a plugin-versions.json
   */
  public static Map<String, Map<String, PluginRelease>> readVersions(
      InputStream in, Set<String> ids) throws IOException {
    Map<String, Map<String, PluginRelease>> result = new TreeMap<>();
    boolean seen = false;
    try (JsonParser parser = FACTORY.createParser(in)) {
      parser.setCodec(MAPPER);
      expect(parser.nextToken(), JsonToken.START_OBJECT);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.getCurrentName();
        JsonToken value = parser.nextToken();
        if (!"plugins".equals(name) || value != JsonToken.START_OBJECT) {
          parser.skipChildren();
          continue;
        }
        seen = true;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String id = parser.getCurrentName();
          parser.nextToken();
          if (!ids.contains(id)) {
            parser.skipChildren();
            continue;
          }
          JsonNode byVersion = parser.readValueAsTree();
          Map<String, PluginRelease> releases = new TreeMap<>();
          var fields = byVersion.fields();
          while (fields.hasNext()) {
            var field = fields.next();
            PluginRelease release = release(id, field.getValue());
            releases.put(release.version(), release);
          }
          result.put(id, releases);
        }
      }
    }
    if (!seen) {
      throw new IOException("it has no \"plugins\" object, so it is not a plugin-versions.json");
    }
    return result;
  }

  private static void expect(JsonToken token, JsonToken expected) throws IOException {
    if (token != expected) {
      throw new IOException("it is not a JSON object (it starts with " + token + ")");
    }
  }

  private static PluginRelease release(String id, JsonNode entry) throws IOException {
    String version = text(entry, "version");
    if (version == null) {
      throw new IOException("the entry of plugin " + id + " has no version");
    }
    List<PluginDependency> dependencies = new ArrayList<>();
    for (JsonNode dependency : entry.path("dependencies")) {
      String name = text(dependency, "name");
      String required = text(dependency, "version");
      if (name != null && required != null) {
        dependencies.add(
            new PluginDependency(name, required, dependency.path("optional").asBoolean(false)));
      }
    }
    return new PluginRelease(
        id,
        version,
        text(entry, "url"),
        hex(text(entry, "sha256"), id),
        text(entry, "requiredCore"),
        dependencies);
  }

  private static SecurityWarning warning(JsonNode warning) {
    List<Pattern> patterns = new ArrayList<>();
    for (JsonNode version : warning.path("versions")) {
      String pattern = text(version, "pattern");
      if (pattern != null) {
        try {
          patterns.add(Pattern.compile(pattern));
        } catch (PatternSyntaxException e) {
          // A pattern Java cannot read: the warning then matches nothing through it.
        }
      }
    }
    return new SecurityWarning(
        warning.path("id").asText(""),
        warning.path("name").asText(""),
        text(warning, "message"),
        text(warning, "url"),
        patterns);
  }

  /**
   * Turns the update center's base64 sha256 into hex.
   *
   * @param base64 the base64 value, or {@code null}
   * @param id the plugin, for the message
   * @return 64 lower-case hex characters, or {@code null}
   * @throws IOException if it is not a base64 sha256
   */
  static String hex(String base64, String id) throws IOException {
    if (base64 == null || base64.isBlank()) {
      return null;
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IOException("the sha256 of plugin " + id + " is not base64: " + base64, e);
    }
    if (bytes.length != 32) {
      throw new IOException("the sha256 of plugin " + id + " is not 32 bytes: " + base64);
    }
    return HexFormat.of().formatHex(bytes);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
