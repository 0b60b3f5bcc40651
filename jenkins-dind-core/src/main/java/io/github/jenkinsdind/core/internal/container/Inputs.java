package io.github.jenkinsdind.core.internal.container;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;

/** Checks of the simple settings shared by run, stop and check. */
public final class Inputs {
  private Inputs() {}

  /**
   * Checks an image reference (the daemon checks the rest of its syntax).
   *
   * @param text the reference
   * @return it, trimmed
   * @throws ConfigurationException if it is blank or holds spaces
   */
  public static String image(String text) throws ConfigurationException {
    String value = text == null ? "" : text.trim();
    if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
      throw new ConfigurationException(
          "The image '" + text + "' is not an image reference",
          Setting.IMAGE,
          text,
          Suggestion.builder()
              .text("give the image that ")
              .run(Suggestion.Operation.BUILD)
              .text(" made, such as my-jenkins:1.0")
              .build(),
          null);
    }
    return value;
  }

  /**
   * Checks a container name against Docker's rule.
   *
   * @param text the name
   * @return it, trimmed
   * @throws ConfigurationException if Docker would refuse it
   */
  public static String containerName(String text) throws ConfigurationException {
    String value = text == null ? "" : text.trim();
    if (value.startsWith("/")) {
      value = value.substring(1);
    }
    if (!DockerNames.NAME.matcher(value).matches()) {
      throw new ConfigurationException(
          "The container name '" + text + "' is not valid for Docker",
          Setting.CONTAINER_NAME,
          text,
          "use at least two characters: letters, digits, _ . -, starting with a letter or digit");
    }
    return value;
  }

  /**
   * Checks the Docker socket path.
   *
   * @param text the path on the Docker host
   * @return it, normalized
   * @throws ConfigurationException if it is not an absolute path
   */
  public static String dockerSocket(String text) throws ConfigurationException {
    String value = text == null ? "" : text.trim();
    if (value.startsWith("unix://")) {
      value = value.substring("unix://".length());
    }
    value = value.replaceAll("/+", "/");
    if (!value.startsWith("/")
        || value.length() < 2
        || value.endsWith("/")
        || ("/" + value + "/").contains("/../")) {
      throw new ConfigurationException(
          "dockerSocket '" + text + "' is not an absolute path to a socket",
          Setting.DOCKER_SOCKET,
          text,
          "give the daemon's socket on the Docker host, such as /var/run/docker.sock");
    }
    return value;
  }
}
