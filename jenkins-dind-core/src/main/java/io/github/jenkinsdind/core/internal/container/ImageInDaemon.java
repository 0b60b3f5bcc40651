package io.github.jenkinsdind.core.internal.container;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.daemon.Engine;

/** The image that {@code run} and {@code check} need must already be in the daemon. */
final class ImageInDaemon {
  private ImageInDaemon() {}

  /**
   * Refuses an image the daemon does not have.
   *
   * @param engine the daemon
   * @param image the image
   * @throws ConfigurationException if the daemon does not have it, saying how to get it there
   * @throws EnvironmentException if the daemon fails
   */
  static void require(Engine engine, String image)
      throws ConfigurationException, EnvironmentException {
    if (engine.image(image).isEmpty()) {
      throw new ConfigurationException(
          "The image " + image + " is not in the Docker daemon at " + engine.dockerHost(),
          Setting.IMAGE,
          image,
          Suggestion.builder()
              .text("build it into this daemon first with ")
              .run(Suggestion.Operation.BUILD)
              .text(" (")
              .set(Setting.TARGET, "docker")
              .text(", its default, loads it there); or docker pull " + image)
              .text(" if it is in a registry")
              .build(),
          null);
    }
  }
}
