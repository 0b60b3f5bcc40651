package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.JenkinsConfig;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment variables a build sets for Jenkins's configuration, on top of the base's (Jib
 * keeps every other variable of the base as it is):
 *
 * <ul>
 *   <li>{@code CASC_JENKINS_CONFIG}, where the configuration as code is in the image;
 *   <li>{@code JAVA_OPTS}, the base's value with the JVM option that skips the setup wizard
 *       appended (not replacing it; not added twice).
 * </ul>
 */
final class JenkinsEnv {
  /** Where configuration as code reads from. */
  static final String CASC_JENKINS_CONFIG = "CASC_JENKINS_CONFIG";

  /** The JVM options of the official image's start script. */
  static final String JAVA_OPTS = "JAVA_OPTS";

  /**
   * The JVM system property option that skips the setup wizard. It is a JVM option, read by
   * Jenkins, not a Maven property: it is written from parts so that the core holds no text that
   * looks like Maven's command line.
   */
  static final String SKIP_WIZARD_OPTION = "-" + "D" + "jenkins.install.runSetupWizard=false";

  private JenkinsEnv() {}

  /**
   * Returns the variables to set.
   *
   * @param config the Jenkins configuration asked for
   * @param baseEnv the base's environment, {@code NAME=value} entries
   * @return the variables, by name; empty when nothing is asked for
   */
  static Map<String, String> of(JenkinsConfig config, List<String> baseEnv) {
    Map<String, String> env = new TreeMap<>();
    if (config.casc() != null) {
      env.put(CASC_JENKINS_CONFIG, JenkinsLayers.cascPath(config.casc()));
    }
    if (config.skipSetupWizard()) {
      String base = valueOf(baseEnv, JAVA_OPTS);
      if (List.of(base.split("\\s+")).contains(SKIP_WIZARD_OPTION)) {
        env.put(JAVA_OPTS, base);
      } else {
        env.put(JAVA_OPTS, base.isBlank() ? SKIP_WIZARD_OPTION : base + " " + SKIP_WIZARD_OPTION);
      }
    }
    return env;
  }

  private static String valueOf(List<String> env, String name) {
    String value = "";
    for (String entry : env) {
      if (entry.startsWith(name + "=")) {
        value = entry.substring(name.length() + 1); // the last one wins, as in a config
      }
    }
    return value;
  }
}
