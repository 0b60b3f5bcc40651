package io.github.jenkinsdind.core.internal.container;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link ContainerSpec} into docker-java's terms: the exposed ports and the host settings
 * (port bindings, mounts, supplementary groups, restart policy) of the container. Pure functions.
 */
final class DockerContainerConfig {
  private DockerContainerConfig() {}

  /**
   * Returns the container ports to expose, each once, in the order of the spec.
   *
   * @param spec the spec
   * @return the ports
   */
  static List<ExposedPort> exposedPorts(ContainerSpec spec) {
    List<ExposedPort> exposed = new ArrayList<>();
    for (PortSpec p : spec.ports()) {
      ExposedPort port = exposed(p);
      if (!exposed.contains(port)) {
        exposed.add(port);
      }
    }
    return List.copyOf(exposed);
  }

  /**
   * Returns the host settings.
   *
   * @param spec the spec
   * @return port bindings, mounts, supplementary groups and restart policy
   */
  static HostConfig hostConfig(ContainerSpec spec) {
    return HostConfig.newHostConfig()
        .withPortBindings(portBindings(spec))
        .withMounts(spec.mounts().stream().map(DockerContainerConfig::mount).toList())
        .withGroupAdd(spec.groupAdd().stream().map(String::valueOf).toList())
        .withRestartPolicy(restartPolicy(spec.restartPolicy()));
  }

  /**
   * Returns the port bindings: no host address binds every address, no host port lets the daemon
   * pick one.
   *
   * @param spec the spec
   * @return the bindings
   */
  static Ports portBindings(ContainerSpec spec) {
    Ports bindings = new Ports();
    for (PortSpec p : spec.ports()) {
      bindings.bind(
          exposed(p),
          new Ports.Binding(
              p.hostIp().isEmpty() ? null : p.hostIp(),
              p.hostPort() == 0 ? null : Integer.toString(p.hostPort())));
    }
    return bindings;
  }

  /**
   * Returns the restart policy.
   *
   * @param spec the policy
   * @return docker-java's form of it
   */
  static RestartPolicy restartPolicy(RestartPolicySpec spec) {
    return switch (spec.name()) {
      case "no" -> RestartPolicy.noRestart();
      case "always" -> RestartPolicy.alwaysRestart();
      case "on-failure" -> RestartPolicy.onFailureRestart(spec.maximumRetryCount());
      default -> RestartPolicy.unlessStoppedRestart();
    };
  }

  private static ExposedPort exposed(PortSpec p) {
    return new ExposedPort(p.containerPort(), InternetProtocol.parse(p.protocol()));
  }

  private static Mount mount(ContainerSpec.MountSpec m) {
    return new Mount()
        .withType(
            m.kind() == ContainerSpec.MountSpec.Kind.VOLUME ? MountType.VOLUME : MountType.BIND)
        .withSource(m.source())
        .withTarget(m.target());
  }
}
