package io.github.jenkinsdind.core.internal.container;

import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import io.github.jenkinsdind.core.internal.daemon.ThrowawayContainer;
import java.util.List;

/**
 * Looks into an image the way its containers will see the world: a short-lived container of the
 * image, as the image's user, with the Docker socket mounted at its own path, runs {@link
 * ImageFacts#SCRIPT}.
 *
 * <p>This is how {@code groupAdd=auto} finds the socket's GID: as the daemon's host has it, which
 * is what the container's user will meet. A {@code stat} on this machine would be wrong whenever
 * the daemon runs elsewhere: a remote {@code DOCKER_HOST}, or Docker Desktop, whose socket inside
 * its VM is {@code root:root} while the one on the Mac or Windows host is not.
 */
public final class ImageProbe {
  private ImageProbe() {}

  /**
   * Probes an image.
   *
   * @param engine the daemon
   * @param image the image, present in the daemon
   * @param socket the Docker socket on the Docker host
   * @return what the probe saw
   * @throws JenkinsDindException if the socket is missing, the daemon fails, or the image cannot
   *     run the probe (no {@code sh}, {@code id} or {@code stat})
   */
  public static ImageFacts probe(Engine engine, String image, String socket)
      throws JenkinsDindException {
    ThrowawayContainer.Outcome outcome =
        ThrowawayContainer.run(
            engine,
            image,
            socket,
            List.of(),
            List.of("/bin/sh", "-c", ImageFacts.SCRIPT, "jenkins-dind-probe", socket));
    return ImageFacts.parse(outcome.stdout())
        .orElseThrow(
            () ->
                new EnvironmentException(
                    "Could not look into the image "
                        + image
                        + " (a container of it ran /bin/sh"
                        + " with id and stat, and ended with code "
                        + outcome.exitCode()
                        + "): "
                        + (outcome.stderr() + outcome.stdout()).trim(),
                    Setting.IMAGE,
                    image,
                    Suggestion.builder()
                        .text("use an image with /bin/sh, id and stat (every Jenkins image has")
                        .text(" them); with a GID as ")
                        .setting(Setting.GROUP_ADD)
                        .text(" instead of auto, ")
                        .run(Suggestion.Operation.RUN)
                        .text(" needs no look into the image")
                        .build(),
                    null));
  }
}
