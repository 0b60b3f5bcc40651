package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.internal.plugins.PluginSet;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The Jenkins plugins of a multi-platform build, resolved and downloaded once for every platform:
 * the inputs, the update center and the plugin files do not depend on the platform. The resolution
 * starts at once, on a thread of its own, and takes the Jenkins version and bundled plugins of the
 * first platform's base (the request's order, so that the result does not depend on which platform
 * is read first). A platform whose base says another Jenkins version or other bundled plugins (a
 * base that is not the same Jenkins on every platform) has its plugins resolved again, for itself.
 */
final class SharedPlugins implements PlatformBuild.PluginSource, AutoCloseable {
  private final BuildSteps steps;
  private final ImagePlatform first;
  private final EventHandler events;
  private final CompletableFuture<BaseRead> firstBase = new CompletableFuture<>();
  private final Background<PluginSet> resolution;

  /**
   * Starts the resolution.
   *
   * @param steps the steps (their {@link BuildSteps#preparePlugins})
   * @param first the platform whose base gives the Jenkins version
   * @param events where messages go
   */
  SharedPlugins(BuildSteps steps, ImagePlatform first, EventHandler events) {
    this.steps = Objects.requireNonNull(steps, "steps");
    this.first = Objects.requireNonNull(first, "first");
    this.events = Objects.requireNonNull(events, "events");
    this.resolution =
        Background.start(
            "Jenkins plugins", () -> steps.preparePlugins(PlatformBuild.baseVersion(firstBase)));
  }

  @Override
  public Pending<PluginSet> start(ImagePlatform platform, CompletableFuture<BaseRead> base) {
    if (platform.equals(first)) {
      base.whenComplete(
          (read, failure) -> {
            if (failure == null) {
              firstBase.complete(read);
            } else {
              firstBase.completeExceptionally(failure);
            }
          });
    }
    return new Pending<>() {
      @Override
      public PluginSet join() throws JenkinsDindException {
        return plugins(platform, base);
      }

      @Override
      public void close() {
        // the shared resolution ends with the build (SharedPlugins#close)
      }
    };
  }

  private PluginSet plugins(ImagePlatform platform, CompletableFuture<BaseRead> base)
      throws JenkinsDindException {
    PluginSet shared;
    try {
      shared = resolution.join();
    } catch (JenkinsDindException e) {
      if (!platform.equals(first) && firstBase.isCompletedExceptionally()) {
        // the first platform's base failed: that platform reports it
        throw new PlatformTasks.Cancelled(
            "the Jenkins plugins were not resolved: reading the " + first + " base failed", e);
      }
      throw e;
    }
    BaseRead own = PlatformBuild.await(base);
    BaseRead used = PlatformBuild.await(firstBase);
    if (Objects.equals(own.jenkinsVersion(), used.jenkinsVersion())
        && own.bundled().equals(used.bundled())) {
      return shared;
    }
    events.handle(
        Event.info(
            "The "
                + platform
                + " base holds Jenkins "
                + own.jenkinsVersion()
                + ", the "
                + first
                + " base "
                + used.jenkinsVersion()
                + ": the plugins of "
                + platform
                + " are resolved for it"));
    return steps.preparePlugins(PlatformBuild.baseVersion(base));
  }

  /** Ends the resolution: it fails if the first platform's base was never read. */
  @Override
  public void close() {
    firstBase.completeExceptionally(
        new PlatformTasks.Cancelled("the " + first + " base was not read", null));
    resolution.close();
  }
}
