package io.github.jenkinsdind.core.internal.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What the base's Jenkins is: its version, from the image's {@code JENKINS_VERSION} environment
 * variable or from {@code Jenkins-Version} in the manifest of {@code
 * /usr/share/jenkins/jenkins.war}, and the plugins the war bundles ({@code
 * WEB-INF/detached-plugins/*.hpi}).
 *
 * @param version the Jenkins version, or {@code null} if the war's manifest has none
 * @param bundled the plugins the war bundles, id to version (empty unless asked for)
 */
public record JenkinsWar(String version, Map<String, String> bundled) {
  /** Where the official images keep the war. */
  public static final String PATH = "/usr/share/jenkins/jenkins.war";

  private static final String DETACHED = "WEB-INF/detached-plugins/";

  /** Copies the parts. */
  public JenkinsWar {
    bundled = Map.copyOf(bundled);
  }

  /**
   * Reads the Jenkins version from an image's environment.
   *
   * @param env the image's environment, {@code NAME=value} entries
   * @return the value of {@code JENKINS_VERSION}, if set and not blank
   */
  public static Optional<String> versionFromEnv(List<String> env) {
    return env.stream()
        .filter(e -> e.startsWith("JENKINS_VERSION="))
        .map(e -> e.substring("JENKINS_VERSION=".length()).strip())
        .filter(v -> !v.isEmpty())
        .reduce((first, second) -> second);
  }

  /**
   * Reads the war's version only: it stops at the manifest, the war's first entry, so only a few
   * kilobytes are read.
   *
   * @param war the war's bytes; not closed
   * @return the war's {@code Jenkins-Version}, if its manifest has one
   * @throws IOException if it cannot be read
   */
  public static Optional<String> version(InputStream war) throws IOException {
    return Optional.ofNullable(read(war, false).version());
  }

  /**
   * Reads the war's version and the plugins it bundles: the whole war is read.
   *
   * @param war the war's bytes; not closed
   * @param withBundled whether to read on for the bundled plugins (else it stops at the manifest)
   * @return what the war is
   * @throws IOException if it cannot be read
   */
  public static JenkinsWar read(InputStream war, boolean withBundled) throws IOException {
    ZipInputStream zip = new ZipInputStream(war);
    String version = null;
    Map<String, String> bundled = new TreeMap<>();
    for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
      String name = entry.getName();
      if (PluginManifest.MANIFEST.equalsIgnoreCase(name)) {
        version = new Manifest(zip).getMainAttributes().getValue("Jenkins-Version");
        if (!withBundled) {
          break;
        }
      } else if (withBundled
          && name.startsWith(DETACHED)
          && (name.endsWith(".hpi") || name.endsWith(".jpi"))) {
        PluginManifest.read(zip).ifPresent(r -> bundled.put(r.id(), r.version()));
      }
    }
    return new JenkinsWar(version == null ? null : version.strip(), bundled);
  }
}
