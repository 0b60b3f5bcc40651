package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.JibContainerBuilder;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.BuildResult;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.internal.accounts.AccountEdit;
import io.github.jenkinsdind.core.internal.accounts.AccountEditor;
import io.github.jenkinsdind.core.internal.accounts.AccountFiles;
import io.github.jenkinsdind.core.internal.cli.Toolchain;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import io.github.jenkinsdind.core.internal.jib.RegistrySession;
import io.github.jenkinsdind.core.internal.plugins.JenkinsPluginsResolver;
import io.github.jenkinsdind.core.internal.plugins.PluginSet;
import io.github.jenkinsdind.core.internal.uptodate.BuildInputs;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** The build's steps: each method hands its values to the step class that does the work. */
final class JibBuildSteps implements BuildSteps {
  private final BuildContext context;
  private final CliLayerStep cliLayer;
  private final UpToDateStep upToDate;

  /**
   * Prepares the steps of one build.
   *
   * @param context the build's context
   */
  JibBuildSteps(BuildContext context) {
    this.context = Objects.requireNonNull(context, "context");
    this.cliLayer = CliLayerStep.of(context.request(), context.layout(), context.events());
    this.upToDate = new UpToDateStep(context);
  }

  private BuildRequest request() {
    return context.request();
  }

  @Override
  public CheckedRequest check() throws JenkinsDindException {
    return RequestCheck.check(request(), context.events());
  }

  @Override
  public BaseRoute route(CheckedRequest checked) {
    return BaseRoute.of(request(), checked.base());
  }

  @Override
  public DaemonConnection connect(BaseRoute route) throws JenkinsDindException {
    return DaemonConnection.open(route.needsDaemon(), request().dockerHost(), context.events());
  }

  @Override
  public Optional<BuildInputs> inputs(CheckedRequest checked, DaemonConnection daemon) {
    return upToDate.inputs(checked, daemon);
  }

  @Override
  public Optional<BuildResult> upToDate(
      BuildInputs inputs, CheckedRequest checked, DaemonConnection daemon, long start) {
    return upToDate.upToDate(inputs, checked, daemon, start);
  }

  @Override
  public void remember(BuildInputs inputs, BuildResult result) {
    upToDate.remember(inputs, result);
  }

  @Override
  public List<ImagePlatform> platforms(CheckedRequest checked) throws JenkinsDindException {
    return PlatformList.choose(request(), checked, context.layout(), context.events());
  }

  @Override
  public Optional<String> daemonArchitecture(DaemonConnection daemon) throws JenkinsDindException {
    if (daemon.engine().isEmpty()) {
      return Optional.empty();
    }
    Engine engine = daemon.engine().get();
    return Optional.ofNullable(
        engine.call("tell about itself", () -> engine.client().infoCmd().exec()).getArchitecture());
  }

  @Override
  public StartedPull startPull(CheckedRequest checked, BaseRoute route, DaemonConnection daemon) {
    DaemonPullRule rule =
        DaemonPullRule.of(
            request().allowInsecureRegistries(),
            RegistrySession.sendsCredentialsOverHttp(),
            checked.credentials());
    return StartedPull.start(route, daemon, request().offline(), rule, context.events());
  }

  @Override
  public Toolchain prepareCli(ImagePlatform platform, BooleanSupplier baseFailed)
      throws JenkinsDindException {
    return cliLayer.prepare(platform, baseFailed);
  }

  @Override
  public PluginSet preparePlugins(JenkinsPluginsResolver.BaseVersion baseVersion)
      throws JenkinsDindException {
    if (request().plugins().isEmpty()) {
      return PluginSet.NONE;
    }
    // the war's bundled plugins come with the base's version (baseVersion.bundled())
    return new JenkinsPluginsResolver(context.layout(), request().offline(), context.events())
        .resolveAndFetch(request().plugins(), baseVersion, Map.of());
  }

  @Override
  public BaseRead readBase(CheckedRequest checked, ImagePlatform platform, StartedPull pull)
      throws JenkinsDindException {
    return BaseReadStep.read(
        request(), context.layout(), context.events(), checked, platform, pull);
  }

  @Override
  public void mountBaseLayers(CheckedRequest checked, BaseRead base) {
    BaseLayerMount.mount(request(), context.events(), checked, base);
  }

  @Override
  public TargetWriter target(
      CheckedRequest checked,
      BaseRoute route,
      DaemonConnection daemon,
      StartedPull pull,
      BaseRead base)
      throws JenkinsDindException {
    return TargetWriters.of(context, checked, route, daemon, pull, base);
  }

  @Override
  public AccountEdit editAccounts(BaseRead base) throws JenkinsDindException {
    AccountEdit edit =
        AccountEditor.apply(AccountFiles.of(base.files(), request().from()), request().accounts());
    edit.warnings().forEach(warning -> context.events().handle(Event.warn(warning)));
    return edit;
  }

  @Override
  public LayerPlan planLayers(Toolchain cli, AccountEdit edit, PluginSet plugins)
      throws JenkinsDindException {
    return LayerPlan.of(context.layout(), cli, edit.files().files())
        .withJenkins(
            JenkinsLayers.of(
                context.layout(),
                plugins,
                request().jenkinsConfig(),
                edit.files(),
                request().accounts().user()));
  }

  @Override
  public JibContainerBuilder assemble(
      CheckedRequest checked,
      DaemonConnection daemon,
      BaseRead base,
      Toolchain cli,
      LayerPlan layers,
      ImagePlatform platform,
      PluginSet plugins) {
    return ImageAssembly.assemble(
        request(), context.events(), checked, daemon, base, cli, layers, platform, plugins);
  }

  @Override
  public IndexTargets indexTargets(CheckedRequest checked) {
    return new IndexTargets(context, checked);
  }

  @Override
  public java.nio.file.Path tmp() {
    return context.layout().tmp();
  }
}
