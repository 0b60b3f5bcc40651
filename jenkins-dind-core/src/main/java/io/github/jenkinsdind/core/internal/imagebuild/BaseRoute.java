package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.internal.base.BaseReference;
import java.util.Objects;

/**
 * The second step's result: which way the base goes through the build, decided from the parsed
 * {@code from} and the target alone.
 *
 * @param base the parsed {@code from}
 * @param needsDaemon whether the build talks to a Docker daemon (a {@code docker} target, or a
 *     {@code docker://} base)
 * @param registryBaseIntoDaemon whether a registry base goes into a Docker daemon target: the
 *     daemon may then hold the base's layers already, and need only the build's own
 * @param daemonPullsBase whether the daemon pulls that base itself, while the build reads it
 */
record BaseRoute(
    BaseReference base,
    boolean needsDaemon,
    boolean registryBaseIntoDaemon,
    boolean daemonPullsBase) {

  /** Checks the parts. */
  BaseRoute {
    Objects.requireNonNull(base, "base");
  }

  /**
   * Decides the route.
   *
   * @param request the request
   * @param base the parsed {@code from}
   * @return the route
   */
  static BaseRoute of(BuildRequest request, BaseReference base) {
    boolean daemonTarget = request.target() instanceof ImageTarget.DockerDaemon;
    boolean registryBase = base.kind() == BaseReference.Kind.REGISTRY;
    boolean intoDaemon = daemonTarget && registryBase;
    return new BaseRoute(
        base,
        daemonTarget || base.kind() == BaseReference.Kind.DAEMON,
        intoDaemon,
        intoDaemon && request.daemonPullsBase());
  }
}
