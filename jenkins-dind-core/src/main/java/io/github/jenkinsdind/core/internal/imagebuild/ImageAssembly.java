package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.internal.cli.Toolchain;
import io.github.jenkinsdind.core.internal.jib.JibDockerClient;
import java.util.Optional;
import java.util.Set;

/**
 * The step that describes the image to Jib, without writing anything: the base (a registry base
 * pinned to the digest its account files were read from), the platform, the {@code docker-cli} and
 * {@code accounts} layers, and the labels.
 */
final class ImageAssembly {
  private ImageAssembly() {}

  /**
   * Describes the image.
   *
   * @param request the request
   * @param events where the daemon client reports (for a {@code docker://} base)
   * @param checked the checked request
   * @param daemon the daemon connection (a {@code docker://} base is read from it)
   * @param base the base as read
   * @param cli the docker CLI and its plugins
   * @param layers the layers to add
   * @param platform the platform
   * @return Jib's builder
   */
  static JibContainerBuilder assemble(
      BuildRequest request,
      EventHandler events,
      CheckedRequest checked,
      DaemonConnection daemon,
      BaseRead base,
      Toolchain cli,
      LayerPlan layers,
      ImagePlatform platform) {
    Optional<JibDockerClient> daemonClient =
        daemon.engine().map(engine -> new JibDockerClient(engine, Set.of(), events));
    JibContainerBuilder builder =
        BaseSources.jibBase(checked.base(), base.digest(), checked.credentials(), daemonClient)
            .setPlatforms(Set.of(new Platform(platform.architecture(), platform.os())));
    layers.addTo(builder);
    ImageLabels.of(request, base.digest(), cli).forEach(builder::addLabel);
    return builder;
  }
}
