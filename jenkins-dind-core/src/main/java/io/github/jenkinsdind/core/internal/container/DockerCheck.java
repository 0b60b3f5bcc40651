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
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The {@code check} operation: proves (or disproves) that an image can drive the daemon. A
 * throwaway container of the image, as the image's user, with the socket and the group policy of
 * {@code run}, runs {@code docker version}; then, unless the request says not to, a second one
 * proves the toolchain a job uses ({@link ToolchainScript}): buildx and a BuildKit build, and
 * compose when the image has it.
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
      if (verdict.passed() && request.toolchain()) {
        verdict = toolchain(engine, image, socket, added, facts.docker().get(), verdict, events);
      }
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

  private static CheckVerdict toolchain(
      Engine engine,
      String image,
      String socket,
      List<Long> added,
      String docker,
      CheckVerdict versionVerdict,
      EventHandler events)
      throws JenkinsDindException {
    events.handle(
        Event.info(
            "Checking the toolchain in the image: docker buildx version, a BuildKit build FROM the"
                + " image, and docker compose version, up -d and down when it has compose"));
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    ToolchainScript script = new ToolchainScript(docker, socket, image, id);
    ThrowawayContainer.Outcome outcome =
        ThrowawayContainer.run(engine, image, socket, added, script.command());
    ToolchainScript.Report report = ToolchainScript.parse(outcome.stdout());
    for (ToolchainScript.Outcome step : report.outcomes()) {
      events.handle(
          Event.info(
              (step.passed() ? "  ok: " : "  FAILED: ")
                  + step.step().command()
                  + (step.passed() && !step.output().isBlank() ? ": " + step.output() : "")));
    }
    return ToolchainVerdict.judge(versionVerdict, report, outcome.exitCode(), outcome.stderr());
  }

  private static String text(List<Long> gids) {
    return gids.stream().map(String::valueOf).collect(Collectors.joining(" "));
  }
}
