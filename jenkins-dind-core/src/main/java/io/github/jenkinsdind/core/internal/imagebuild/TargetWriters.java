package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.internal.base.BaseManifest;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import io.github.jenkinsdind.core.internal.jib.JibDockerClient;
import io.github.jenkinsdind.core.internal.jib.StandInLayers;
import java.util.List;
import java.util.Set;

/**
 * The step that picks the {@link TargetWriter} for the request's target and gives it what it needs;
 * for a daemon target of a registry base, which of the base's layers the daemon holds.
 */
final class TargetWriters {
  private TargetWriters() {}

  /**
   * Makes the target's writer.
   *
   * @param context the build's context
   * @param checked the checked request
   * @param route the base's route
   * @param daemon the daemon connection (open for a daemon target)
   * @param pull the daemon's own pull of the base
   * @param base the base as read
   * @return the writer
   * @throws EnvironmentException if the daemon fails to say which images it holds
   */
  static TargetWriter of(
      BuildContext context,
      CheckedRequest checked,
      BaseRoute route,
      DaemonConnection daemon,
      StartedPull pull,
      BaseRead base)
      throws EnvironmentException {
    BuildRequest request = context.request();
    ContainerizerSettings settings =
        new ContainerizerSettings(request, context.layout(), context.events());
    ImageWrite jib = new JibImageWrite(request, checked.base());
    if (request.target() instanceof ImageTarget.TarFile tar) {
      return new TarTargetWriter(checked.target(), tar, settings, jib);
    }
    if (request.target() instanceof ImageTarget.Registry) {
      return new RegistryTargetWriter(checked.target(), checked.credentials(), settings, jib);
    }
    Engine engine =
        daemon.engine().orElseThrow(() -> new IllegalStateException("no daemon connection"));
    return new DaemonTargetWriter(
        checked.target(),
        settings,
        jib,
        (held, whole) -> new JibDockerClient(engine, held, whole, context.events()),
        pull::await,
        baseInDaemon(context, route, engine, base),
        context.layout(),
        context.events());
  }

  /**
   * For a registry base: its layers (offline, where Jib's cached metadata has them, since the
   * registry was not asked), those the daemon holds, and how to remember the image loaded.
   */
  private static DaemonTargetWriter.BaseInDaemon baseInDaemon(
      BuildContext context, BaseRoute route, Engine engine, BaseRead base)
      throws EnvironmentException {
    if (!route.registryBaseIntoDaemon()) {
      return DaemonTargetWriter.BaseInDaemon.NONE;
    }
    CacheLayout layout = context.layout();
    List<BaseManifest.Layer> layers =
        context.request().offline()
            ? StandInLayers.layersInJibMetadata(
                    layout.jibBaseLayers(),
                    route.base().imageReference().withQualifier(base.digest()))
                .map(BaseLayerBlobs::layers)
                .orElse(List.of())
            : base.layers();
    DaemonLayers daemonLayers = new DaemonLayers(layout);
    Set<String> held = daemonLayers.held(engine, base.digest(), layers);
    return new DaemonTargetWriter.BaseInDaemon(
        layers, held, imageId -> daemonLayers.remember(engine, base.digest(), imageId));
  }
}
