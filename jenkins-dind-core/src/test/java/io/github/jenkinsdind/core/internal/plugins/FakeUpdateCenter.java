package io.github.jenkinsdind.core.internal.plugins;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.jenkinsdind.core.testing.LoopbackHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * A stand-in Jenkins update center made by the tests: small real {@code .hpi} zips whose manifest
 * holds {@code Short-Name}, {@code Plugin-Version}, {@code Jenkins-Version} and {@code
 * Plugin-Dependencies}, listed in an {@code update-center.actual.json} (the latest release of each)
 * and a {@code plugin-versions.json} (all of them) in the real format, served from loopback or
 * given as an in-memory {@link UpdateCenter}.
 */
final class FakeUpdateCenter {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One release: its metadata and its file. */
  record Fake(String id, String version, String core, List<PluginDependency> deps, byte[] hpi) {
    String path() {
      return "/download/plugins/" + id + "/" + version + "/" + id + ".hpi";
    }

    String sha256Hex() {
      return HexFormat.of()
          .formatHex(io.github.jenkinsdind.core.internal.download.Sha256.newDigest().digest(hpi));
    }
  }

  private final Map<String, Map<String, Fake>> releases = new TreeMap<>();
  private final List<ObjectNode> warnings = new ArrayList<>();

  /**
   * Adds a release.
   *
   * @param id the plugin
   * @param version its version
   * @param core its requiredCore
   * @param deps dependencies {@code id:version}, with {@code ?} at the end for optional ones
   * @return this
   */
  FakeUpdateCenter plugin(String id, String version, String core, String... deps) {
    List<PluginDependency> list = new ArrayList<>();
    for (String dep : deps) {
      boolean optional = dep.endsWith("?");
      String[] parts = (optional ? dep.substring(0, dep.length() - 1) : dep).split(":");
      list.add(new PluginDependency(parts[0], parts[1], optional));
    }
    releases
        .computeIfAbsent(id, k -> new LinkedHashMap<>())
        .put(version, new Fake(id, version, core, list, hpi(id, version, core, list)));
    return this;
  }

  /** Adds a security warning for the versions of a plugin that a pattern matches. */
  FakeUpdateCenter warning(String warningId, String pluginId, String pattern) {
    ObjectNode warning = JSON.createObjectNode();
    warning.put("id", warningId).put("message", "a test warning").put("name", pluginId);
    warning.put("type", "plugin").put("url", "https://example.invalid/" + warningId);
    warning.putArray("versions").addObject().put("pattern", pattern);
    warnings.add(warning);
    return this;
  }

  Fake release(String id, String version) {
    return releases.get(id).get(version);
  }

  /** Returns the latest release of a plugin, as the update center lists it: no pre-releases. */
  Fake latest(String id) {
    return releases.get(id).values().stream()
        .filter(f -> !f.version().matches(".*(alpha|beta|rc).*"))
        .max((a, b) -> PluginVersion.TEXT_ORDER.compare(a.version, b.version))
        .orElseThrow();
  }

  /** Returns the update center in memory, with every version loaded. */
  UpdateCenter center(String base) {
    try {
      UpdateCenter center =
          UpdateCenterJson.readCenter(
              new java.io.ByteArrayInputStream(centerJson(base).getBytes()));
      Map<String, Map<String, PluginRelease>> versions =
          UpdateCenterJson.readVersions(
              new java.io.ByteArrayInputStream(versionsJson(base).getBytes()), releases.keySet());
      return new UpdateCenter(center.latest(), versions, null, center.warnings());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serves the JSON files and every plugin file from a server. */
  void serve(LoopbackHttpServer server) {
    server.text("/update-center.actual.json", centerJson(server.base()));
    server.text("/plugin-versions.json", versionsJson(server.base()));
    releases.values().forEach(m -> m.values().forEach(f -> server.bytes(f.path(), f.hpi())));
  }

  String centerJson(String base) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "default").put("updateCenterVersion", "1");
    ObjectNode plugins = root.putObject("plugins");
    releases.keySet().forEach(id -> plugins.set(id, entry(latest(id), base)));
    ArrayNode list = root.putArray("warnings");
    warnings.forEach(list::add);
    return root.toPrettyString();
  }

  String versionsJson(String base) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode plugins = root.putObject("plugins");
    releases.forEach(
        (id, byVersion) -> {
          ObjectNode node = plugins.putObject(id);
          byVersion.forEach((version, fake) -> node.set(version, entry(fake, base)));
        });
    root.put("updateCenterVersion", "1");
    return root.toPrettyString();
  }

  private static ObjectNode entry(Fake fake, String base) {
    ObjectNode entry = JSON.createObjectNode();
    entry.put("buildDate", "Jan 01, 2024").put("name", fake.id()).put("version", fake.version());
    entry.put("requiredCore", fake.core()).put("url", base + fake.path());
    entry.put(
        "sha256", Base64.getEncoder().encodeToString(HexFormat.of().parseHex(fake.sha256Hex())));
    ArrayNode deps = entry.putArray("dependencies");
    for (PluginDependency d : fake.deps()) {
      deps.addObject()
          .put("name", d.id())
          .put("optional", d.optional())
          .put("version", d.version());
    }
    return entry;
  }

  /** Makes a small real plugin file: a zip with a manifest and one class-like entry. */
  static byte[] hpi(String id, String version, String core, List<PluginDependency> deps) {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Short-Name", id);
    main.putValue("Plugin-Version", version);
    main.putValue("Jenkins-Version", core);
    List<String> items = new ArrayList<>();
    deps.forEach(
        d -> items.add(d.id() + ":" + d.version() + (d.optional() ? ";resolution:=optional" : "")));
    if (!items.isEmpty()) {
      main.putValue("Plugin-Dependencies", String.join(",", items));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
      jar.putNextEntry(new ZipEntry("WEB-INF/lib/" + id + ".jar"));
      jar.write((id + " " + version).getBytes());
      jar.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
