package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.BuildResult;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.JenkinsPlugin;
import io.github.jenkinsdind.core.internal.cli.ResolvedBinary;
import io.github.jenkinsdind.core.internal.uptodate.BuildInputs;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Wires the steps of a build ({@link BuildSteps}) and does nothing else, after Jib's {@code
 * StepsRunner}: the request is checked, the base's route decided and the daemon connected once; if
 * the inputs and the base are those of an earlier build whose image the target still holds, the
 * build ends there ({@link UpToDateStep}); otherwise the platform part ({@link PlatformBuild}) runs
 * for the request's platform, and its outcome becomes the build's result. A multi-platform request
 * decides its platforms ({@link PlatformList}) and runs {@link MultiPlatformBuild}; with a {@code
 * docker} target, which holds one platform per tag, it builds the one {@link DaemonPlatform} picks.
 */
final class StepsRunner {
  private final BuildRequest request;
  private final EventHandler events;
  private final BuildSteps steps;

  /**
   * Prepares the run.
   *
   * @param request the request (for the result)
   * @param events where the closing message goes
   * @param steps the steps
   */
  StepsRunner(BuildRequest request, EventHandler events, BuildSteps steps) {
    this.request = Objects.requireNonNull(request, "request");
    this.events = Objects.requireNonNull(events, "events");
    this.steps = Objects.requireNonNull(steps, "steps");
  }

  /**
   * Runs the steps.
   *
   * @return what was built
   * @throws JenkinsDindException if a step failed; no image was written then
   */
  BuildResult run() throws JenkinsDindException {
    long start = System.nanoTime();
    CheckedRequest checked = steps.check();
    BaseRoute route = steps.route(checked);
    try (DaemonConnection daemon = steps.connect(route)) {
      Optional<BuildInputs> inputs = steps.inputs(checked, daemon);
      if (inputs.isPresent()) {
        Optional<BuildResult> current = steps.upToDate(inputs.get(), checked, daemon, start);
        if (current.isPresent()) {
          events.handle(Event.info(upToDateMessage(current.get())));
          return current.get();
        }
      }
      BuildResult result = build(checked, route, daemon, start);
      inputs.ifPresent(built -> steps.remember(built, result));
      return result;
    }
  }

  private BuildResult build(
      CheckedRequest checked, BaseRoute route, DaemonConnection daemon, long start)
      throws JenkinsDindException {
    PlatformBuild platformBuild = new PlatformBuild(steps, checked, route, daemon);
    if (!request.multiPlatform()) {
      return result(platformBuild.run(request.platform()), start);
    }
    List<ImagePlatform> platforms = steps.platforms(checked);
    if (request.target() instanceof ImageTarget.DockerDaemon) {
      DaemonPlatform choice =
          DaemonPlatform.choose(platforms, request.platform(), steps.daemonArchitecture(daemon));
      events.handle(Event.info(choice.message()));
      return result(platformBuild.run(choice.loaded()), start);
    }
    MultiPlatformBuild.Outcome outcome =
        new MultiPlatformBuild(platformBuild, steps.indexTargets(checked), steps.tmp(), events)
            .run(platforms);
    return multiPlatformResult(outcome, start);
  }

  private static String upToDateMessage(BuildResult result) {
    return String.format(
        Locale.ROOT,
        "Up to date: %s@%s (the base %s and every input are those of an earlier build, and the"
            + " target holds its image); checked in %.2f s",
        result.image(),
        result.digest(),
        result.baseDigest(),
        result.duration().toMillis() / 1000.0);
  }

  private BuildResult multiPlatformResult(MultiPlatformBuild.Outcome outcome, long start) {
    PlatformBuild.Outcome first = outcome.outcomes().get(0);
    Map<String, String> digests = new TreeMap<>();
    for (IndexTargets.Written written : outcome.platforms()) {
      digests.put(written.platform().toString(), written.image().digest());
    }
    BuildResult result =
        new BuildResult(
            request.target().image(),
            outcome.index().digest(),
            outcome.index().digest(),
            new LinkedHashSet<>(outcome.index().tags()),
            request.from(),
            first.base().digest(),
            first.cli().cli().version(),
            first.cli().cli().binarySha256(),
            first.cli().plugins().stream().map(ResolvedBinary::describe).toList(),
            request.accounts().gid(),
            digests,
            Duration.ofNanos(System.nanoTime() - start),
            first.plugins().jenkinsVersion(),
            first.plugins().locked().stream()
                .map(p -> new JenkinsPlugin(p.id(), p.version(), p.sha256(), p.url()))
                .toList(),
            request.plugins().isEmpty() ? null : first.plugins().lockText(),
            false);
    events.handle(
        Event.info(
            String.format(
                Locale.ROOT,
                "Built %s@%s for %s in %.2f s",
                result.image(),
                result.digest(),
                String.join(", ", digests.keySet()),
                result.duration().toMillis() / 1000.0)));
    return result;
  }

  private BuildResult result(PlatformBuild.Outcome outcome, long start) {
    BuildResult result =
        new BuildResult(
            request.target().image(),
            outcome.image().digest(),
            outcome.image().imageId(),
            outcome.image().tags(),
            request.from(),
            outcome.base().digest(),
            outcome.cli().cli().version(),
            outcome.cli().cli().binarySha256(),
            outcome.cli().plugins().stream().map(ResolvedBinary::describe).toList(),
            request.accounts().gid(),
            Map.of(),
            Duration.ofNanos(System.nanoTime() - start),
            outcome.plugins().jenkinsVersion(),
            outcome.plugins().locked().stream()
                .map(p -> new JenkinsPlugin(p.id(), p.version(), p.sha256(), p.url()))
                .toList(),
            request.plugins().isEmpty() ? null : outcome.plugins().lockText(),
            false);
    events.handle(
        Event.info(
            String.format(
                Locale.ROOT,
                "Built %s@%s in %.2f s",
                result.image(),
                result.digest(),
                result.duration().toMillis() / 1000.0)));
    return result;
  }
}
