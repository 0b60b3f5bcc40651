package io.github.jenkinsdind.core.internal.plugins;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a plugins.yaml in the plugin installation manager's format:
 *
 * <pre>
 * plugins:
 *   - artifactId: git
 *     source:
 *       version: 5.2.0
 *   - artifactId: docker-workflow        # the latest version
 *   - artifactId: my-plugin
 *     source:
 *       url: https://example.com/my-plugin.hpi
 * </pre>
 *
 * <p>Each entry becomes the plugins.txt entry {@code artifactId[:version][:url]}; errors name
 * {@link Setting#PLUGINS_FILE} and the entry's line.
 */
final class PluginsYaml {
  private static final YAMLMapper MAPPER = new YAMLMapper();

  private PluginsYaml() {}

  static List<PluginSpec> parse(String text, String fileName) throws ConfigurationException {
    List<PluginSpec> specs = new ArrayList<>();
    try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
      parser.setCodec(MAPPER);
      JsonToken first = parser.nextToken();
      if (first == null) {
        return specs;
      }
      if (first != JsonToken.START_OBJECT) {
        throw malformed(fileName, 1, "it is not a mapping with a 'plugins' list");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.getCurrentName();
        JsonToken value = parser.nextToken();
        if (!"plugins".equals(field)) {
          parser.skipChildren();
          continue;
        }
        if (value != JsonToken.START_ARRAY) {
          throw malformed(fileName, line(parser), "'plugins' is not a list");
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          int line = line(parser);
          JsonNode entry = parser.readValueAsTree();
          specs.add(spec(entry, fileName, line));
        }
      }
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw malformed(fileName, line, "it is not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw malformed(fileName, 0, e.toString());
    }
    return specs;
  }

  private static PluginSpec spec(JsonNode entry, String fileName, int line)
      throws ConfigurationException {
    String where = "line " + line + " of " + fileName;
    if (entry == null || !entry.isObject() || !entry.path("artifactId").isValueNode()) {
      throw malformed(fileName, line, "the entry has no artifactId");
    }
    String id = entry.path("artifactId").asText().strip();
    JsonNode source = entry.path("source");
    String version = source.path("version").isValueNode() ? source.path("version").asText() : "";
    String url = source.path("url").isValueNode() ? source.path("url").asText() : "";
    if (!source.isMissingNode() && !source.isObject()) {
      throw malformed(fileName, line, "the source of " + id + " is not a mapping");
    }
    String text = id;
    if (!url.isBlank()) {
      text = id + ":" + version.strip() + ":" + url.strip();
    } else if (!version.isBlank()) {
      text = id + ":" + version.strip();
    }
    return PluginInputs.parse(text, Setting.PLUGINS_FILE, where);
  }

  private static int line(JsonParser parser) {
    return parser.getTokenLocation().getLineNr();
  }

  private static ConfigurationException malformed(String fileName, int line, String why) {
    String where = line > 0 ? "line " + line + " of " + fileName : fileName;
    return new ConfigurationException(
        "the plugins file " + where + " is malformed: " + why,
        Setting.PLUGINS_FILE,
        fileName,
        "perhaps you should write it as 'plugins:' followed by entries '- artifactId: ID' with an"
            + " optional 'source: {version: VERSION}' or 'source: {url: URL}'");
  }
}
