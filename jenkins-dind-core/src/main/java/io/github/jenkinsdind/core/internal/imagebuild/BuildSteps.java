package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.JibContainerBuilder;
import io.github.jenkinsdind.core.api.BuildResult;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.internal.accounts.AccountEdit;
import io.github.jenkinsdind.core.internal.cli.Toolchain;
import io.github.jenkinsdind.core.internal.plugins.JenkinsPluginsResolver;
import io.github.jenkinsdind.core.internal.plugins.PluginSet;
import io.github.jenkinsdind.core.internal.uptodate.BuildInputs;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The steps of a build, each taking the values earlier steps gave and returning its own. {@link
 * StepsRunner} and {@link PlatformBuild} wire them in this order (the order of the methods here):
 *
 * <ol>
 *   <li>{@link #check}: every setting, and the target registry's answer; nothing is read or written
 *       before it passes
 *   <li>{@link #route}: which way the base goes; then {@link #connect} to the daemon if needed
 *   <li>{@link #inputs} and {@link #upToDate}: an unchanged rebuild ends here; after a build,
 *       {@link #remember}
 *   <li>for a multi-platform request, {@link #platforms} (and {@link #daemonArchitecture} for a
 *       {@code docker} target, which loads one)
 *   <li>per platform: {@link #startPull} (the daemon's own pull of a registry base), {@link
 *       #prepareCli} and {@link #preparePlugins} on threads of their own while {@link #readBase}
 *       runs (the plugins wait for the base's Jenkins version only once their update center is
 *       read), {@link #mountBaseLayers}, then {@link #target}, {@link #editAccounts}, {@link
 *       #planLayers}, {@link #assemble}, and the target's {@link TargetWriter#write}
 * </ol>
 *
 * <p>{@link JibBuildSteps} is the build's implementation; tests wire fakes.
 */
interface BuildSteps {

  /**
   * Checks the request.
   *
   * @return the checked request
   * @throws JenkinsDindException if a setting is wrong
   */
  CheckedRequest check() throws JenkinsDindException;

  /**
   * Decides which way the base goes.
   *
   * @param checked the checked request
   * @return the route
   */
  BaseRoute route(CheckedRequest checked);

  /**
   * Connects to the Docker daemon if the route needs one.
   *
   * @param route the route
   * @return the connection, perhaps none
   * @throws JenkinsDindException if the daemon cannot be reached
   */
  DaemonConnection connect(BaseRoute route) throws JenkinsDindException;

  /**
   * Makes the fingerprint of the build's inputs, with what identifies its base ({@link
   * UpToDateStep}).
   *
   * @param checked the checked request
   * @param daemon the daemon connection
   * @return the inputs, or empty if this build cannot be checked for an unchanged rebuild
   */
  Optional<BuildInputs> inputs(CheckedRequest checked, DaemonConnection daemon);

  /**
   * Finds an earlier build of the same inputs whose image the target still holds, re-applying the
   * tags that moved.
   *
   * @param inputs the inputs
   * @param checked the checked request
   * @param daemon the daemon connection
   * @param start when the build started ({@link System#nanoTime()})
   * @return that build's result, marked up to date, or empty if the image must be built
   */
  Optional<BuildResult> upToDate(
      BuildInputs inputs, CheckedRequest checked, DaemonConnection daemon, long start);

  /**
   * Remembers what a build made, under its inputs' fingerprint.
   *
   * @param inputs the inputs, as they were before the build
   * @param result what it made
   */
  void remember(BuildInputs inputs, BuildResult result);

  /**
   * Decides the platforms of a multi-platform build ({@link PlatformList}): those listed, or the
   * base's for {@code platforms=all}; checks the per-architecture settings against them.
   *
   * @param checked the checked request
   * @return the platforms, in order
   * @throws JenkinsDindException if the base's platforms cannot be read or none can be built
   */
  List<ImagePlatform> platforms(CheckedRequest checked) throws JenkinsDindException;

  /**
   * Asks the daemon its architecture, for a {@code docker} target of a multi-platform request.
   *
   * @param daemon the daemon connection
   * @return the architecture as the daemon says it ({@code x86_64}), or empty if it says none
   * @throws JenkinsDindException if the daemon fails to answer
   */
  Optional<String> daemonArchitecture(DaemonConnection daemon) throws JenkinsDindException;

  /**
   * Starts the daemon's own pull of the base, if the route says so.
   *
   * @param checked the checked request
   * @param route the route
   * @param daemon the daemon connection
   * @return the pull, perhaps none
   */
  StartedPull startPull(CheckedRequest checked, BaseRoute route, DaemonConnection daemon);

  /**
   * Resolves the docker CLI and prebuilds its layer; runs while the base is read.
   *
   * @param platform the platform
   * @param baseFailed tells whether reading the base has failed (the layer is then not built)
   * @return the CLI
   * @throws JenkinsDindException if the CLI cannot be resolved or its layer not cached
   */
  Toolchain prepareCli(ImagePlatform platform, BooleanSupplier baseFailed)
      throws JenkinsDindException;

  /**
   * Resolves the Jenkins plugins and downloads their files into the cache; runs while the base is
   * read.
   *
   * @param baseVersion gives the base's Jenkins version, waiting for the base if need be
   * @return the plugins, {@link PluginSet#NONE} when none is asked for
   * @throws JenkinsDindException if a plugin cannot be resolved or fetched
   */
  PluginSet preparePlugins(JenkinsPluginsResolver.BaseVersion baseVersion)
      throws JenkinsDindException;

  /**
   * Reads the base's account files.
   *
   * @param checked the checked request
   * @param platform the platform
   * @param pull the daemon's pull of the base
   * @return the files, digest and layers
   * @throws JenkinsDindException if the base cannot be read
   */
  BaseRead readBase(CheckedRequest checked, ImagePlatform platform, StartedPull pull)
      throws JenkinsDindException;

  /**
   * Mounts the base's layers into a registry target on the base's registry.
   *
   * @param checked the checked request
   * @param base the base as read
   */
  void mountBaseLayers(CheckedRequest checked, BaseRead base);

  /**
   * Picks the target's writer.
   *
   * @param checked the checked request
   * @param route the route
   * @param daemon the daemon connection
   * @param pull the daemon's pull of the base
   * @param base the base as read
   * @return the writer
   * @throws JenkinsDindException if the daemon fails to answer
   */
  TargetWriter target(
      CheckedRequest checked,
      BaseRoute route,
      DaemonConnection daemon,
      StartedPull pull,
      BaseRead base)
      throws JenkinsDindException;

  /**
   * Edits the base's account files.
   *
   * @param base the base as read
   * @return the edited files and the warnings
   * @throws JenkinsDindException if the edit cannot be made
   */
  AccountEdit editAccounts(BaseRead base) throws JenkinsDindException;

  /**
   * Plans the layers the build adds.
   *
   * @param cli the docker CLI and its plugins
   * @param edit the edited account files
   * @param plugins the Jenkins plugins
   * @return the layers
   * @throws JenkinsDindException if the account files cannot be written into the cache
   */
  LayerPlan planLayers(Toolchain cli, AccountEdit edit, PluginSet plugins)
      throws JenkinsDindException;

  /**
   * Describes the image to Jib.
   *
   * @param checked the checked request
   * @param daemon the daemon connection
   * @param base the base as read
   * @param cli the docker CLI and its plugins
   * @param layers the layers
   * @param platform the platform
   * @param plugins the Jenkins plugins (for the labels)
   * @return Jib's builder
   */
  JibContainerBuilder assemble(
      CheckedRequest checked,
      DaemonConnection daemon,
      BaseRead base,
      Toolchain cli,
      LayerPlan layers,
      ImagePlatform platform,
      PluginSet plugins);

  /**
   * The targets of a multi-platform image: each platform's writer and the index.
   *
   * @param checked the checked request
   * @return the targets
   */
  IndexTargets indexTargets(CheckedRequest checked);

  /**
   * Where a build keeps temporary files (a multi-platform tar's platform images).
   *
   * @return a directory of the cache
   */
  java.nio.file.Path tmp();
}
