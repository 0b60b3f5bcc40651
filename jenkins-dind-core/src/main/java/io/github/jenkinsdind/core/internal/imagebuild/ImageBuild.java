package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.BuildResult;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import java.util.Objects;

/**
 * One image build, in an order that writes nothing until everything that can fail on bad input has
 * been checked: the request, the target, the docker CLI, the base's account files and their edit.
 * Only then does Jib assemble and write the image; a tar target is written next to its final name
 * and moved into place at the end. The steps are {@link JibBuildSteps}, wired by {@link
 * StepsRunner}.
 */
public final class ImageBuild {
  private final BuildRequest request;
  private final EventHandler events;

  /**
   * Prepares a build.
   *
   * @param request what to build
   * @param events where progress and messages go
   */
  public ImageBuild(BuildRequest request, EventHandler events) {
    this.request = Objects.requireNonNull(request, "request");
    this.events = Objects.requireNonNull(events, "events");
  }

  /**
   * Runs the build.
   *
   * @return what was built
   * @throws JenkinsDindException if it failed; no image was written then
   */
  public BuildResult run() throws JenkinsDindException {
    // the platforms of a multi-platform build run at once: their events name them
    EventHandler handler = new PlatformEvents(events);
    BuildContext context = BuildContext.of(request, handler);
    return new StepsRunner(request, handler, new JibBuildSteps(context)).run();
  }
}
