package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.JibContainerBuilder;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.internal.accounts.AccountEdit;
import io.github.jenkinsdind.core.internal.cli.Toolchain;
import io.github.jenkinsdind.core.internal.plugins.JenkinsPluginsResolver;
import io.github.jenkinsdind.core.internal.plugins.PluginSet;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The part of a build that depends on the platform: the base's account files, the docker CLI, the
 * layers and the image written. A build runs it once, for the request's platform; it holds nothing
 * between runs, so that it can be run once per platform.
 *
 * <p>The docker CLI does not depend on the base: it is resolved, and its layer compressed into
 * Jib's cache, on a thread of its own while the base is read (on a cold build, the two big costs
 * after the JVM's start); the compression is skipped if reading the base fails. The Jenkins plugins
 * are resolved and downloaded on a third thread, which waits for the base's Jenkins version only
 * once its inputs and the update center are read. Nothing is written to the target before the
 * plugins are resolved, the account files edited and the layers planned.
 */
final class PlatformBuild {

  /**
   * What one platform's run gives.
   *
   * @param image the image written
   * @param base the base as read
   * @param cli the docker CLI and its plugins in the image
   * @param plugins the Jenkins plugins in the image
   */
  record Outcome(WrittenImage image, BaseRead base, Toolchain cli, PluginSet plugins) {
    /** Checks the parts. */
    Outcome {
      Objects.requireNonNull(image, "image");
      Objects.requireNonNull(base, "base");
      Objects.requireNonNull(cli, "cli");
      Objects.requireNonNull(plugins, "plugins");
    }
  }

  /**
   * One platform read and resolved, not written yet.
   *
   * @param platform the platform
   * @param base the base as read
   * @param cli the docker CLI and its plugins
   * @param plugins the Jenkins plugins
   */
  record Prepared(ImagePlatform platform, BaseRead base, Toolchain cli, PluginSet plugins) {}

  /** Makes the writer of one platform's image, once its base has been read. */
  @FunctionalInterface
  interface PlatformTarget {
    /**
     * Makes the writer.
     *
     * @param pull the daemon's own pull of the base
     * @param base the base as read
     * @return the writer
     * @throws JenkinsDindException if it cannot be made
     */
    TargetWriter writer(StartedPull pull, BaseRead base) throws JenkinsDindException;
  }

  /**
   * Where a platform's Jenkins plugins come from: resolved on a thread of the platform's own while
   * its base is read ({@link #run}), or once for every platform of a multi-platform build ({@link
   * SharedPlugins}).
   */
  @FunctionalInterface
  interface PluginSource {
    /**
     * Starts, or joins, the resolution of the plugins for a platform.
     *
     * @param platform the platform
     * @param base the platform's base, completed once read (exceptionally if reading failed)
     * @return the plugins, to join once the base has been read
     */
    Pending<PluginSet> start(ImagePlatform platform, CompletableFuture<BaseRead> base);
  }

  private final BuildSteps steps;
  private final CheckedRequest checked;
  private final BaseRoute route;
  private final DaemonConnection daemon;

  /**
   * Prepares the platform part of a build.
   *
   * @param steps the steps
   * @param checked the checked request
   * @param route the base's route
   * @param daemon the daemon connection, open for as long as the build runs
   */
  PlatformBuild(
      BuildSteps steps, CheckedRequest checked, BaseRoute route, DaemonConnection daemon) {
    this.steps = Objects.requireNonNull(steps, "steps");
    this.checked = Objects.requireNonNull(checked, "checked");
    this.route = Objects.requireNonNull(route, "route");
    this.daemon = Objects.requireNonNull(daemon, "daemon");
  }

  /**
   * Builds the image for one platform.
   *
   * @param platform the platform
   * @return the image, with the base and CLI it was built from
   * @throws JenkinsDindException if a step failed; no image was written then
   */
  Outcome run(ImagePlatform platform) throws JenkinsDindException {
    return run(platform, (pull, base) -> steps.target(checked, route, daemon, pull, base));
  }

  /**
   * Builds the image for one platform and writes it with a writer of the caller's: one platform of
   * a multi-platform image.
   *
   * @param platform the platform
   * @param target makes the writer
   * @return the image, with the base and CLI it was built from
   * @throws JenkinsDindException if a step failed; no image was written then
   */
  Outcome run(ImagePlatform platform, PlatformTarget target) throws JenkinsDindException {
    try (StartedPull pull = steps.startPull(checked, route, daemon)) {
      Prepared prepared = prepare(platform, pull, ownPlugins());
      return write(prepared, target.writer(pull, prepared.base()));
    }
  }

  /**
   * Reads one platform's base and resolves its binaries and plugins, writing nothing: the first
   * half of a platform of a multi-platform image, whose platforms are all prepared before any is
   * written. The daemon's own pull of the base (none for a registry or tar target) ends with it.
   *
   * @param platform the platform
   * @return the platform, ready to be written
   * @throws JenkinsDindException if a step failed
   */
  Prepared prepare(ImagePlatform platform) throws JenkinsDindException {
    return prepare(platform, ownPlugins());
  }

  /**
   * Reads one platform's base and resolves its binaries, taking its Jenkins plugins from a source
   * shared by the platforms of a multi-platform build; writes nothing.
   *
   * @param platform the platform
   * @param plugins where its plugins come from
   * @return the platform, ready to be written
   * @throws JenkinsDindException if a step failed
   */
  Prepared prepare(ImagePlatform platform, PluginSource plugins) throws JenkinsDindException {
    try (StartedPull pull = steps.startPull(checked, route, daemon)) {
      return prepare(platform, pull, plugins);
    }
  }

  /**
   * Starts resolving the Jenkins plugins once for the platforms of a multi-platform build.
   *
   * @param first the first platform, whose base gives the Jenkins version
   * @param events where messages go
   * @return the plugins, for {@link #prepare(ImagePlatform, PluginSource)}; closed after the
   *     platforms have been prepared
   */
  SharedPlugins sharedPlugins(ImagePlatform first, EventHandler events) {
    return new SharedPlugins(steps, first, events);
  }

  /** The plugins resolved for this platform alone, on a thread of their own. */
  private PluginSource ownPlugins() {
    return (platform, base) ->
        Background.start("Jenkins plugins", () -> steps.preparePlugins(baseVersion(base)));
  }

  private Prepared prepare(ImagePlatform platform, StartedPull pull, PluginSource plugins)
      throws JenkinsDindException {
    BaseRead base;
    AtomicBoolean baseFailed = new AtomicBoolean();
    CompletableFuture<BaseRead> baseForPlugins = new CompletableFuture<>();
    try (Background<Toolchain> cliLayer =
            Background.start(
                "docker CLI layer", () -> steps.prepareCli(platform, baseFailed::get));
        Pending<PluginSet> pluginFiles = plugins.start(platform, baseForPlugins)) {
      try {
        base = steps.readBase(checked, platform, pull);
      } catch (JenkinsDindException | RuntimeException e) {
        baseFailed.set(true);
        baseForPlugins.completeExceptionally(e);
        throw e;
      }
      baseForPlugins.complete(base);
      // needs only the base's layer list: done while the CLI layer may still be compressed
      steps.mountBaseLayers(checked, base);
      return new Prepared(platform, base, cliLayer.join(), pluginFiles.join());
    }
  }

  /**
   * Edits the accounts, plans the layers and writes one prepared platform's image.
   *
   * @param prepared the platform, prepared
   * @param writer where it goes
   * @return the image, with the base and CLI it was built from
   * @throws JenkinsDindException if a step failed
   */
  Outcome write(Prepared prepared, TargetWriter writer) throws JenkinsDindException {
    AccountEdit edit = steps.editAccounts(prepared.base());
    LayerPlan layers = steps.planLayers(prepared.cli(), edit, prepared.plugins());
    JibContainerBuilder builder =
        steps.assemble(
            checked,
            daemon,
            prepared.base(),
            prepared.cli(),
            layers,
            prepared.platform(),
            prepared.plugins());
    return new Outcome(writer.write(builder), prepared.base(), prepared.cli(), prepared.plugins());
  }

  /** The base's Jenkins version and bundled plugins, once the base is read. */
  static JenkinsPluginsResolver.BaseVersion baseVersion(CompletableFuture<BaseRead> base) {
    return new JenkinsPluginsResolver.BaseVersion() {
      @Override
      public String get() throws JenkinsDindException {
        return await(base).jenkinsVersion();
      }

      @Override
      public Map<String, String> bundled() throws JenkinsDindException {
        return await(base).bundled();
      }
    };
  }

  /** The base as read, once it is; the base's failure if it was not. */
  static BaseRead await(CompletableFuture<BaseRead> version) throws JenkinsDindException {
    try {
      return version.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof JenkinsDindException failed) {
        throw failed;
      }
      throw new IllegalStateException("reading the base failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvironmentException("the build was interrupted", e);
    }
  }
}
