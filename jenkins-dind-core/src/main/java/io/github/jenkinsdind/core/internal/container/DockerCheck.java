package io.github.jenkinsdind.core.internal.container;

import io.github.jenkinsdind.core.api.CheckRequest;
import io.github.jenkinsdind.core.api.CheckResult;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.internal.daemon.DaemonKind;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import io.github.jenkinsdind.core.internal.daemon.ThrowawayContainer;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code check} operation: proves (or disproves) that an image can drive the daemon. A
 * throwaway container of the image, as the image's user, with the socket and the group policy of
 * {@code run}, runs {@code docker version}.
 */
public final class DockerCheck {
  private DockerCheck() {}

  /**
   * Checks an image.
   *
   * @param engine the daemon
   * @param request what to check
   * @param events where progress goes
   * @return the verdict; a failing check is a result, not an exception
   * @throws JenkinsDindException on bad input (also an image the daemon does not have) or a daemon
   *     fault
   */
  public static CheckResult check(Engine engine, CheckRequest request, EventHandler events)
      throws JenkinsDindException {
    String image = Inputs.image(request.image());
    String requested = Inputs.dockerSocket(request.dockerSocket());
    GroupAddPolicy policy = GroupAddPolicy.parse(request.groupAdd());
    DaemonKind kind = DaemonKind.of(engine);
    String socket = DaemonSocket.toMount(requested, engine.endpoint(), kind);
    ImageInDaemon.require(engine, image);
    events.handle(
        Event.info(
            "Checking that "
                + image
                + " can drive "
                + kind.describe()
                + " at "
                + engine.endpoint().describe()
                + ", through the socket "
                + socket
                + " on the daemon's host (groupAdd="
                + policy.text()
                + ")"));
    ImageFacts facts = ImageProbe.probe(engine, image, socket);
    events.handle(
        Event.info(
            "In the image: user "
                + facts.describeUser()
                + ", groups "
                + text(facts.groups())
                + "; docker CLI "
                + facts.docker().orElse("missing")));
    events.handle(
        Event.info(
            "The socket "
                + socket
                + " on the Docker host: "
                + (facts.socketGid().isPresent()
                    ? "GID " + facts.socketGid().getAsLong() + ", mode " + facts.socketMode()
                    : "not visible")));
    List<Long> added =
        facts.socketGid().isPresent()
            ? policy.groups(facts.socketGid().getAsLong())
            : policy instanceof GroupAddPolicy.Auto ? List.of() : policy.groups(-1);
    CheckVerdict verdict;
    if (facts.docker().isEmpty()) {
      verdict = CheckVerdict.noDockerCli(image, facts);
    } else {
      ThrowawayContainer.Outcome outcome =
          ThrowawayContainer.run(
              engine,
              image,
              socket,
              added,
              List.of(
                  facts.docker().get(),
                  "-H",
                  "unix://" + socket,
                  "version",
                  "--format",
                  "{{.Server.Version}}"));
      verdict =
          CheckVerdict.judge(
              socket,
              facts,
              policy,
              added,
              outcome.exitCode(),
              outcome.stdout(),
              outcome.stderr(),
              kind);
    }
    return new CheckResult(
        verdict.passed(),
        image,
        facts.describeUser(),
        facts.groups(),
        facts.socketGid(),
        added,
        verdict.serverVersion(),
        verdict.diagnosis(),
        verdict.fix());
  }

  private static String text(List<Long> gids) {
    return gids.stream().map(String::valueOf).collect(Collectors.joining(" "));
  }
}
