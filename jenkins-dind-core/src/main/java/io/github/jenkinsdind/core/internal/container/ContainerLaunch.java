package io.github.jenkinsdind.core.internal.container;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.DockerException;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.daemon.DaemonFault;
import io.github.jenkinsdind.core.internal.daemon.DaemonMessages;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import io.github.jenkinsdind.core.internal.daemon.ThrowawayContainer;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Creates and starts the container of a {@link ContainerSpec}, and says in the user's terms why the
 * daemon refused: a socket or jenkins_home directory missing on the Docker host, a host port in
 * use.
 */
final class ContainerLaunch {
  private ContainerLaunch() {}

  /**
   * Creates the container.
   *
   * @param engine the daemon
   * @param plan the checked request, for messages
   * @param spec the container
   * @return its ID
   * @throws JenkinsDindException if the socket or the jenkins_home directory is missing on the
   *     Docker host, or the daemon fails
   */
  static String create(Engine engine, RunPlan plan, ContainerSpec spec)
      throws JenkinsDindException {
    try (CreateContainerCmd create = engine.client().createContainerCmd(spec.image())) {
      return create
          .withName(spec.name())
          .withLabels(spec.labels())
          .withEnv(spec.envLines())
          .withExposedPorts(DockerContainerConfig.exposedPorts(spec))
          .withHostConfig(DockerContainerConfig.hostConfig(spec))
          .exec()
          .getId();
    } catch (DockerException e) {
      String text = Engine.causeText(e);
      if (DaemonMessages.isMissingBindSource(text, plan.dockerSocket())) {
        throw ThrowawayContainer.missingSocket(engine, plan.dockerSocket(), DaemonFault.of(e));
      }
      String home = plan.jenkinsHome().text();
      if (DaemonMessages.isMissingBindSource(text, home)) {
        throw new ConfigurationException(
            "jenkinsHome "
                + home
                + " does not exist on the Docker host ("
                + engine.dockerHost()
                + ")",
            Setting.JENKINS_HOME,
            home,
            "create it, owned by the image's user (uid 1000 in Jenkins images): mkdir -p "
                + home
                + " && chown 1000:1000 "
                + home
                + "; or use a named volume such as jenkins_home",
            DaemonFault.of(e));
      }
      throw engine.fault("create container " + spec.name(), e, null);
    } catch (RuntimeException e) {
      throw engine.fault("create container " + spec.name(), e, null);
    }
  }

  /**
   * Starts the container; if it cannot start, removes it (keeping its volumes).
   *
   * @param engine the daemon
   * @param plan the checked request, for messages
   * @param id the container
   * @param events where a failure to remove it is reported
   * @throws JenkinsDindException if a host port is in use, or the daemon fails
   */
  static void start(Engine engine, RunPlan plan, String id, EventHandler events)
      throws JenkinsDindException {
    String name = plan.containerName();
    try {
      engine.client().startContainerCmd(id).exec();
    } catch (RuntimeException e) {
      ContainerRemoval.removeQuietly(engine, id, name, events);
      String text = Engine.causeText(e);
      if (DaemonMessages.isPortInUse(text)) {
        throw portInUse(engine, plan, text, e);
      }
      throw engine.fault("start container " + name, e, null);
    }
  }

  private static ConfigurationException portInUse(
      Engine engine, RunPlan plan, String text, RuntimeException e) {
    OptionalInt port = DaemonMessages.portInUse(text);
    String spec =
        plan.ports().stream()
            .filter(p -> port.isPresent() && p.hostPort() == port.getAsInt())
            .map(PortSpec::spec)
            .findFirst()
            .orElse(plan.ports().stream().map(PortSpec::spec).collect(Collectors.joining(",")));
    return new ConfigurationException(
        "Host port "
            + (port.isPresent() ? port.getAsInt() + " " : "")
            + "is already in use"
            + " on the Docker host ("
            + engine.dockerHost()
            + "): "
            + text,
        Setting.PORTS,
        spec,
        Suggestion.builder()
            .text("choose a free host port (for example 8081:8080), or 0 to let Docker pick one (")
            .set(Setting.PORTS, "0:8080,0:50000")
            .text(")")
            .build(),
        DaemonFault.of(e));
  }
}
