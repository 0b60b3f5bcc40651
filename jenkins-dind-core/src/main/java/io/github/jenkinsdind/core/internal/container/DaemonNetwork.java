package io.github.jenkinsdind.core.internal.container;

import com.github.dockerjava.api.model.Network;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.daemon.DaemonKind;
import io.github.jenkinsdind.core.internal.daemon.DaemonKind.Kind;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether the daemon can publish the container's ports. {@code run} publishes Jenkins' ports on the
 * daemon's default network, the one named {@code bridge} (Podman's Docker-compatible API shows its
 * default network under that name too). A daemon without it ({@code dockerd --bridge=none}, as
 * rootless Docker must run when rootlesskit shares the host's network) creates and starts the
 * container but publishes none of its ports: Jenkins could not be reached. That is said before
 * anything is created.
 */
final class DaemonNetwork {
  /** The name of the daemon's default network. */
  static final String DEFAULT_NETWORK = "bridge";

  private DaemonNetwork() {}

  /**
   * Asks the daemon for its networks, and fails if it has no default network.
   *
   * @param engine the daemon
   * @param kind its kind, for the message
   * @param plan the checked request, for its ports
   * @throws EnvironmentException if the daemon has no bridge network, or fails to list its networks
   */
  static void requirePublishing(Engine engine, DaemonKind kind, RunPlan plan)
      throws EnvironmentException {
    List<Network> networks =
        engine.call("list its networks", () -> engine.client().listNetworksCmd().exec());
    List<String> names =
        networks.stream().map(Network::getName).filter(Objects::nonNull).sorted().toList();
    String ports = plan.ports().stream().map(PortSpec::spec).collect(Collectors.joining(", "));
    Optional<EnvironmentException> missing =
        missingBridge(names, kind, engine.dockerHost().toString(), ports);
    if (missing.isPresent()) {
      throw missing.get();
    }
  }

  /**
   * The error for a daemon whose networks do not include its default one; a pure function of the
   * daemon's answer.
   *
   * @param networkNames the names of the daemon's networks
   * @param kind the daemon
   * @param host its address
   * @param ports the ports to publish, for the message
   * @return the error, or empty if the daemon has a {@code bridge} network
   */
  static Optional<EnvironmentException> missingBridge(
      List<String> networkNames, DaemonKind kind, String host, String ports) {
    if (networkNames.contains(DEFAULT_NETWORK)) {
      return Optional.empty();
    }
    boolean rootless = kind.kind() == Kind.ROOTLESS_DOCKER;
    String message =
        "The Docker daemon at "
            + host
            + " is "
            + kind.describe()
            + " and has no bridge network (its networks: "
            + (networkNames.isEmpty() ? "none" : String.join(", ", networkNames))
            + "): it would start the container but publish none of its ports ("
            + ports
            + "), and Jenkins could not be reached. "
            + (rootless
                ? "Rootless Docker has none when its dockerd runs with --bridge=none, as it must"
                    + " when rootlesskit shares the host's network (--net=host)."
                : "A daemon has none when dockerd runs with --bridge=none.");
    Suggestion.Builder fix = Suggestion.builder();
    if (rootless) {
      fix.text("start rootless Docker with a network of its own, as dockerd-rootless.sh does by")
          .text(" default: slirp4netns (DOCKERD_ROOTLESS_ROOTLESSKIT_NET=slirp4netns, which needs")
          .text(" /dev/net/tun) with a port driver (DOCKERD_ROOTLESS_ROOTLESSKIT_PORT_DRIVER=")
          .text("builtin) and without --bridge=none; or give another daemon as ");
    } else {
      fix.text("start the daemon with its default bridge network (without --bridge=none); or")
          .text(" give another daemon as ");
    }
    fix.setting(Setting.DOCKER_HOST);
    return Optional.of(
        new EnvironmentException(message, Setting.DOCKER_HOST, host, fix.build(), null));
  }
}
