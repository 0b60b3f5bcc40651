package io.github.jenkinsdind.core.internal.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads the {@code META-INF/MANIFEST.MF} of a plugin file ({@code .hpi}/{@code .jpi}, a zip): its
 * {@code Short-Name}, {@code Plugin-Version}, {@code Jenkins-Version} and {@code
 * Plugin-dependencies} ({@code id:version[;resolution:=optional],...}).
 */
public final class PluginManifest {
  static final String MANIFEST = "META-INF/MANIFEST.MF";

  private PluginManifest() {}

  /**
   * Reads a plugin file's manifest as a release.
   *
   * @param file the plugin file
   * @param url where it came from, recorded in the release
   * @param sha256 its sha256, recorded in the release
   * @return the release
   * @throws IOException if it is not a zip, has no manifest, or the manifest has no {@code
   *     Short-Name} or {@code Plugin-Version}
   */
  public static PluginRelease read(Path file, String url, String sha256) throws IOException {
    Manifest manifest;
    try (JarFile jar = new JarFile(file.toFile(), false)) {
      manifest = jar.getManifest();
    }
    if (manifest == null) {
      throw new IOException("it has no " + MANIFEST + ", so it is not a Jenkins plugin");
    }
    return release(manifest, url, sha256)
        .orElseThrow(() -> new IOException("its manifest has no Short-Name or Plugin-Version"));
  }

  /**
   * Reads the manifest of a plugin file given as a stream, for the plugins a war bundles.
   *
   * @param in the plugin file's bytes; read up to the manifest, not closed
   * @return the release (no URL, no sha256), empty if it has no usable manifest
   * @throws IOException if it cannot be read
   */
  static Optional<PluginRelease> read(InputStream in) throws IOException {
    ZipInputStream zip = new ZipInputStream(in);
    for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
      if (MANIFEST.equalsIgnoreCase(entry.getName())) {
        return release(new Manifest(zip), null, null);
      }
    }
    return Optional.empty();
  }

  private static Optional<PluginRelease> release(Manifest manifest, String url, String sha256) {
    Attributes main = manifest.getMainAttributes();
    String id = main.getValue("Short-Name");
    String version = main.getValue("Plugin-Version");
    if (id == null || version == null) {
      return Optional.empty();
    }
    return Optional.of(
        new PluginRelease(
            id.strip(),
            version.strip(),
            url,
            sha256,
            main.getValue("Jenkins-Version"),
            // Manifest header names ignore case; this spelling keeps a Maven-like word out of the
            // core.
            dependencies(main.getValue("Plugin-dependencies"))));
  }

  /**
   * Reads {@code Plugin-dependencies}.
   *
   * @param value for example {@code a:1.0,b:2.0;resolution:=optional}, or {@code null}
   * @return the dependencies
   */
  static List<PluginDependency> dependencies(String value) {
    List<PluginDependency> dependencies = new ArrayList<>();
    if (value == null || value.isBlank()) {
      return dependencies;
    }
    for (String item : value.split(",")) {
      String[] parts = item.strip().split(";");
      String[] idVersion = parts[0].split(":", 2);
      if (idVersion.length != 2) {
        continue;
      }
      boolean optional = false;
      for (int i = 1; i < parts.length; i++) {
        optional |= parts[i].strip().equals("resolution:=optional");
      }
      dependencies.add(new PluginDependency(idVersion[0].strip(), idVersion[1].strip(), optional));
    }
    return dependencies;
  }
}
