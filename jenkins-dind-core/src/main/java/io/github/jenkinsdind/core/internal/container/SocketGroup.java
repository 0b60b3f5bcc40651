package io.github.jenkinsdind.core.internal.container;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * What {@code run} learns from the daemon for the group policy: under {@code groupAdd=auto}, the
 * Docker socket's GID as the Docker host has it (a probe container of the image looks); under any
 * other policy, nothing. It reports the group the container's user gets.
 */
final class SocketGroup {
  private SocketGroup() {}

  /**
   * Finds the socket's GID if the policy needs it.
   *
   * @param engine the daemon
   * @param plan the checked request
   * @param events where the group the container's user gets is reported
   * @return the GID under {@code groupAdd=auto}; empty otherwise
   * @throws JenkinsDindException if the socket cannot be seen from a container of the image, or the
   *     probe fails
   */
  static OptionalLong learn(Engine engine, RunPlan plan, EventHandler events)
      throws JenkinsDindException {
    GroupAddPolicy policy = plan.groupAdd();
    if (!(policy instanceof GroupAddPolicy.Auto)) {
      List<Long> groups = policy.groups(-1);
      events.handle(
          Event.info(
              groups.isEmpty()
                  ? "groupAdd=none: the container's user keeps only the image's groups"
                  : "groupAdd="
                      + policy.text()
                      + ": the container's user gets the supplementary"
                      + " group "
                      + groups.get(0)));
      return OptionalLong.empty();
    }
    ImageFacts facts = ImageProbe.probe(engine, plan.image(), plan.dockerSocket());
    long gid =
        facts
            .socketGid()
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        "The Docker socket "
                            + plan.dockerSocket()
                            + " could not be seen in a container of "
                            + plan.image(),
                        Setting.DOCKER_SOCKET,
                        plan.dockerSocket(),
                        Suggestion.builder()
                            .text("give the daemon's socket as the Docker host has it, such as")
                            .text(" /var/run/docker.sock, or a GID as ")
                            .setting(Setting.GROUP_ADD)
                            .build(),
                        null));
    events.handle(
        Event.info(
            "groupAdd=auto: the Docker socket "
                + plan.dockerSocket()
                + " has GID "
                + gid
                + " on the Docker host; the image's user "
                + facts.describeUser()
                + ", in groups "
                + facts.groups().stream().map(String::valueOf).collect(Collectors.joining(" "))
                + ", gets it as a supplementary group"));
    return OptionalLong.of(gid);
  }
}
