package io.github.jenkinsdind.core.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How Jenkins is configured in the image, besides its plugins: configuration as code, init scripts
 * and the setup wizard. Each is optional; {@link #NONE} changes nothing.
 *
 * <ul>
 *   <li>{@code casc}, a file or a directory of YAML files, goes to {@value #CASC_DIRECTORY} (a file
 *       keeps its name; a directory's files keep their relative paths), outside {@code
 *       JENKINS_HOME} so that a new image's configuration takes effect on an existing volume, and
 *       the environment variable {@code CASC_JENKINS_CONFIG} points there;
 *   <li>{@code initScripts}, Groovy files, go to {@value #INIT_SCRIPTS_DIRECTORY}, which the
 *       official image's start script copies into {@code JENKINS_HOME/init.groovy.d};
 *   <li>{@code skipSetupWizard} appends the JVM option {@code jenkins.install.runSetupWizard=false}
 *       to the base's {@code JAVA_OPTS}, keeping what the base has there.
 * </ul>
 *
 * @param casc a configuration-as-code file or directory, or {@code null}
 * @param initScripts Groovy init scripts, each a file
 * @param skipSetupWizard whether Jenkins starts without its setup wizard
 * @since 0.2.0
 */
public record JenkinsConfig(Path casc, List<Path> initScripts, boolean skipSetupWizard) {
  /** Where the configuration as code goes in the image. */
  public static final String CASC_DIRECTORY = "/usr/share/jenkins/casc";

  /** Where init scripts go in the image. */
  public static final String INIT_SCRIPTS_DIRECTORY = "/usr/share/jenkins/ref/init.groovy.d";

  /** Nothing configured. */
  public static final JenkinsConfig NONE = new JenkinsConfig(null, List.of(), false);

  /**
   * Checks and copies the parts.
   *
   * @param casc the configuration as code, or {@code null}
   * @param initScripts the init scripts
   * @param skipSetupWizard whether the wizard is skipped
   */
  public JenkinsConfig {
    initScripts = List.copyOf(Objects.requireNonNull(initScripts, "initScripts"));
  }

  /**
   * Returns a copy with configuration as code.
   *
   * @param file a YAML file or a directory of them, or {@code null} for none
   * @return the copy
   */
  public JenkinsConfig withCasc(Path file) {
    return new JenkinsConfig(file, initScripts, skipSetupWizard);
  }

  /**
   * Returns a copy with init scripts.
   *
   * @param scripts Groovy files
   * @return the copy
   */
  public JenkinsConfig withInitScripts(List<Path> scripts) {
    return new JenkinsConfig(casc, scripts, skipSetupWizard);
  }

  /**
   * Returns a copy that skips the setup wizard, or not.
   *
   * @param skip whether to skip it
   * @return the copy
   */
  public JenkinsConfig withSkipSetupWizard(boolean skip) {
    return new JenkinsConfig(casc, initScripts, skip);
  }

  /**
   * Returns whether nothing is configured.
   *
   * @return whether the image is left as the base has it
   */
  public boolean isEmpty() {
    return casc == null && initScripts.isEmpty() && !skipSetupWizard;
  }
}
