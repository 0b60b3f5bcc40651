package io.github.jenkinsdind.core.internal.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of jenkins-dind, read from the core jar's Maven descriptor. */
final class PluginVersion {
  private static final String DESCRIPTOR =
      "/META-INF/maven/io.github.jenkinsdind/jenkins-dind-core/pom.properties";
  private static final String VERSION = read();

  private PluginVersion() {}

  /**
   * Returns the version.
   *
   * @return for example {@code 0.1.0}, or {@code development} when run from classes, not a jar
   */
  static String get() {
    return VERSION;
  }

  private static String read() {
    try (InputStream in = PluginVersion.class.getResourceAsStream(DESCRIPTOR)) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        String version = properties.getProperty("version");
        if (version != null && !version.isBlank()) {
          return version;
        }
      }
    } catch (IOException e) {
      // fall through: the version is only informative
    }
    String manifest = PluginVersion.class.getPackage().getImplementationVersion();
    return manifest != null ? manifest : "development";
  }
}
