package io.github.jenkinsdind.core.internal.container;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;

/**
 * What is mounted at {@code /var/jenkins_home}: a named Docker volume or an absolute path on the
 * Docker host (a bind mount).
 */
public sealed interface JenkinsHomeSpec permits JenkinsHomeSpec.Volume, JenkinsHomeSpec.HostPath {

  /** Where Jenkins keeps its data in the container. */
  String TARGET = "/var/jenkins_home";

  /**
   * Parses the setting.
   *
   * @param text a volume name or an absolute path
   * @return the spec
   * @throws ConfigurationException if it is neither
   */
  static JenkinsHomeSpec parse(String text) throws ConfigurationException {
    String value = text == null ? "" : text.trim();
    if (value.startsWith("/")) {
      String path = value.replaceAll("/+", "/");
      if (path.length() > 1 && path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      if (path.equals("/") || ("/" + path + "/").contains("/../") || path.contains("/./")) {
        throw new ConfigurationException(
            "jenkinsHome '" + text + "' is not a usable directory for Jenkins' data",
            Setting.JENKINS_HOME,
            text,
            "give a dedicated directory such as /srv/jenkins_home, without . or .. segments");
      }
      return new HostPath(path);
    }
    if (DockerNames.NAME.matcher(value).matches()) {
      return new Volume(value);
    }
    String hint =
        value.startsWith("~")
            ? "the ~ was not expanded: write the absolute path, such as /home/jenkins/jenkins_home"
            : "use a volume name (letters, digits, _ . -, such as jenkins_home) or an absolute path"
                + " on the Docker host, such as /srv/jenkins_home";
    throw new ConfigurationException(
        "jenkinsHome '" + text + "' is neither a Docker volume name nor an absolute path",
        Setting.JENKINS_HOME,
        text,
        hint);
  }

  /**
   * Returns the setting as given (normalized).
   *
   * @return the volume name or the path
   */
  String text();

  /**
   * A named volume.
   *
   * @param name the volume's name
   */
  record Volume(String name) implements JenkinsHomeSpec {
    @Override
    public String text() {
      return name;
    }
  }

  /**
   * A directory on the Docker host.
   *
   * @param path the absolute path
   */
  record HostPath(String path) implements JenkinsHomeSpec {
    @Override
    public String text() {
      return path;
    }
  }
}
