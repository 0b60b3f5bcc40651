package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.internal.base.BaseReference;
import io.github.jenkinsdind.core.internal.base.RegistryLayerMount;

/**
 * The step that, for a registry target on the base's registry, mounts the base's layers into the
 * target repository ({@link RegistryLayerMount}), so that Jib finds them there and downloads none
 * of them. It needs only the base's layer list, so it runs while the docker CLI layer may still be
 * compressed.
 */
final class BaseLayerMount {
  private BaseLayerMount() {}

  /**
   * Mounts the base's layers, when base and target are both on a registry and the build is online.
   *
   * @param request the request
   * @param events where messages go
   * @param checked the checked request
   * @param base the base as read
   */
  static void mount(
      BuildRequest request, EventHandler events, CheckedRequest checked, BaseRead base) {
    if (checked.base().kind() == BaseReference.Kind.REGISTRY
        && request.target() instanceof ImageTarget.Registry
        && !request.offline()) {
      RegistryLayerMount.mount(
          checked.base().imageReference(),
          checked.target(),
          base.layers(),
          request.allowInsecureRegistries(),
          checked.credentials(),
          events);
    }
  }
}
