package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.internal.cli.Toolchain;
import io.github.jenkinsdind.core.internal.jib.JibDockerClient;
import io.github.jenkinsdind.core.internal.plugins.PluginSet;
import java.util.Optional;
import java.util.Set;

/**
 * The step that describes the image to Jib, without writing anything: the base (a registry base
 * pinned to the digest its account files were read from), the platform, the layers, Jenkins's
 * environment variables ({@link JenkinsEnv}: the base's others are kept by Jib) and the labels.
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
   * @param plugins the Jenkins plugins
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
      ImagePlatform platform,
      PluginSet plugins) {
    Optional<JibDockerClient> daemonClient =
        daemon.engine().map(engine -> new JibDockerClient(engine, Set.of(), events));
    JibContainerBuilder builder =
        BaseSources.jibBase(checked.base(), base.digest(), checked.credentials(), daemonClient)
            .setPlatforms(Set.of(new Platform(platform.architecture(), platform.os())));
    layers.addTo(builder);
    JenkinsEnv.of(request.jenkinsConfig(), base.env()).forEach(builder::addEnvironmentVariable);
    ImageLabels.of(request, base.digest(), cli, plugins).forEach(builder::addLabel);
    return builder;
  }
}
