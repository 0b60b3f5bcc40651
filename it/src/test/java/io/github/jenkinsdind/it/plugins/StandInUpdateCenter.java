package io.github.jenkinsdind.it.plugins;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * A Jenkins update center of the test's own on loopback, in the real public format: {@code
 * update-center.actual.json} (the latest release of each plugin, sha256 in base64), {@code
 * plugin-versions.json} beside it (every release), and the {@code .hpi} files under {@code
 * /download/plugins/<id>/<version>/<id>.hpi}, each a small zip whose {@code META-INF/MANIFEST.MF}
 * has {@code Short-Name}, {@code Plugin-Version}, {@code Jenkins-Version} and {@code
 * Plugin-Dependencies}. {@link #stop()} takes it down, as an unreachable update center.
 */
final class StandInUpdateCenter implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A release: its id, version, required core and dependencies ({@code id:version}). */
  record Release(String id, String version, String core, List<String> dependencies) {
    private static final Map<Release, byte[]> HPI = new java.util.concurrent.ConcurrentHashMap<>();

    /** The plugin file, made once: a jar holds its entries' times. */
    byte[] hpi() {
      return HPI.computeIfAbsent(this, Release::make);
    }

    private byte[] make() {
      Manifest manifest = new Manifest();
      Attributes main = manifest.getMainAttributes();
      main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
      main.putValue("Short-Name", id);
      main.putValue("Plugin-Version", version);
      main.putValue("Jenkins-Version", core);
      if (!dependencies.isEmpty()) {
        main.putValue("Plugin-Dependencies", String.join(",", dependencies));
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
        jar.putNextEntry(new ZipEntry("WEB-INF/lib/" + id + ".jar"));
        jar.write(("the classes of " + id + " " + version).getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    }
  }

  private final HttpServer server;
  private final Map<String, Map<String, Release>> releases = new LinkedHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();

  private StandInUpdateCenter(List<Release> all) throws IOException {
    for (Release r : all) {
      releases.computeIfAbsent(r.id(), k -> new LinkedHashMap<>()).put(r.version(), r);
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          byte[] body = answer(exchange.getRequestURI().getPath());
          if (body == null) {
            exchange.sendResponseHeaders(404, -1);
          } else {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
  }

  /**
   * Serves releases; the last release of each id (in the given order) is its latest.
   *
   * @param all the releases
   * @return the running update center
   */
  static StandInUpdateCenter serve(List<Release> all) {
    try {
      return new StandInUpdateCenter(all);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  String centerUrl() {
    return base() + "/update-center.actual.json";
  }

  int requests() {
    return requests.get();
  }

  void stop() {
    server.stop(0);
  }

  @Override
  public void close() {
    stop();
  }

  private byte[] answer(String path) throws IOException {
    if (path.equals("/update-center.actual.json")) {
      ObjectNode root = JSON.createObjectNode().put("id", "default");
      root.put("updateCenterVersion", "1");
      ObjectNode plugins = root.putObject("plugins");
      releases.forEach(
          (id, versions) -> {
            List<Release> all = List.copyOf(versions.values());
            plugins.set(id, entry(all.get(all.size() - 1)));
          });
      root.putArray("warnings");
      return JSON.writeValueAsBytes(root);
    }
    if (path.equals("/plugin-versions.json")) {
      ObjectNode root = JSON.createObjectNode();
      ObjectNode plugins = root.putObject("plugins");
      releases.forEach(
          (id, versions) -> {
            ObjectNode byVersion = plugins.putObject(id);
            versions.forEach((v, r) -> byVersion.set(v, entry(r)));
          });
      return JSON.writeValueAsBytes(root.put("updateCenterVersion", "1"));
    }
    String[] parts = path.split("/");
    // /download/plugins/<id>/<version>/<id>.hpi
    if (parts.length == 6 && parts[1].equals("download") && releases.containsKey(parts[3])) {
      Release r = releases.get(parts[3]).get(parts[4]);
      return r == null ? null : r.hpi();
    }
    return null;
  }

  private ObjectNode entry(Release r) {
    ObjectNode e = JSON.createObjectNode();
    e.put("name", r.id()).put("version", r.version()).put("requiredCore", r.core());
    e.put(
        "url", base() + "/download/plugins/" + r.id() + "/" + r.version() + "/" + r.id() + ".hpi");
    e.put("sha256", Base64.getEncoder().encodeToString(sha256(r.hpi())));
    ArrayNode deps = e.putArray("dependencies");
    for (String d : r.dependencies()) {
      String[] idVersion = d.split(":");
      deps.addObject()
          .put("name", idVersion[0])
          .put("optional", false)
          .put("version", idVersion[1]);
    }
    return e;
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes));
  }
}
