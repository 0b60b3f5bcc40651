package io.github.jenkinsdind.core.internal.container;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerMount;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import io.github.jenkinsdind.core.internal.daemon.ManagedLabels;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What already holds the names {@code run} needs: a container of the same name (replaced only if
 * jenkins-dind made it and {@code replace} is set), and a running container that uses the same
 * jenkins_home (two Jenkins must not share one).
 */
final class NameConflicts {
  private NameConflicts() {}

  /**
   * Finds the container that holds the name, and refuses unless it may be replaced.
   *
   * @param engine the daemon
   * @param plan the checked request
   * @return the container to replace, if there is one
   * @throws ConfigurationException if jenkins-dind did not make it, or {@code replace} is not set
   * @throws EnvironmentException if the daemon fails
   */
  static Optional<InspectContainerResponse> replaceable(Engine engine, RunPlan plan)
      throws ConfigurationException, EnvironmentException {
    Optional<InspectContainerResponse> existing = engine.container(plan.containerName());
    if (existing.isPresent()) {
      refuseUnlessReplaceable(plan, existing.get());
    }
    return existing;
  }

  private static void refuseUnlessReplaceable(RunPlan plan, InspectContainerResponse container)
      throws ConfigurationException {
    String name = plan.containerName();
    Map<String, String> labels =
        container.getConfig() == null ? null : container.getConfig().getLabels();
    if (!ManagedLabels.isManaged(labels)) {
      throw new ConfigurationException(
          "The container name "
              + name
              + " is taken by a container that jenkins-dind did not"
              + " make ("
              + ContainerStates.shortId(container.getId())
              + ", image "
              + (container.getConfig() == null ? "?" : container.getConfig().getImage())
              + "); it is left alone",
          Setting.CONTAINER_NAME,
          name,
          Suggestion.builder()
              .text("choose another ")
              .setting(Setting.CONTAINER_NAME)
              .text(", or remove that container yourself (docker rm -f " + name + ")")
              .text(" if you are sure it is not needed")
              .build(),
          null);
    }
    if (!plan.replace()) {
      throw new ConfigurationException(
          "A container named "
              + name
              + " made by jenkins-dind already exists ("
              + ContainerStates.describe(container)
              + ")",
          Setting.REPLACE,
          "false",
          Suggestion.builder()
              .text("set ")
              .set(Setting.REPLACE, "true")
              .text(" to replace it (its jenkins_home is kept), or stop it first with ")
              .run(Suggestion.Operation.STOP)
              .build(),
          null);
    }
  }

  /**
   * Refuses a jenkins_home that another running container uses.
   *
   * @param engine the daemon
   * @param plan the checked request
   * @param replaced the container about to be replaced, which may use it
   * @throws ConfigurationException if another running container mounts it
   * @throws EnvironmentException if the daemon fails
   */
  static void checkHomeNotInUse(Engine engine, RunPlan plan, Optional<String> replaced)
      throws EnvironmentException, ConfigurationException {
    JenkinsHomeSpec home = plan.jenkinsHome();
    List<Container> running =
        engine.call("list containers", () -> engine.client().listContainersCmd().exec());
    for (Container c : running) {
      if (replaced.filter(c.getId()::equals).isPresent() || c.getMounts() == null) {
        continue;
      }
      for (ContainerMount m : c.getMounts()) {
        if (sameHome(home, m)) {
          throw homeInUse(home, c);
        }
      }
    }
  }

  private static boolean sameHome(JenkinsHomeSpec home, ContainerMount m) {
    return home instanceof JenkinsHomeSpec.Volume v
        ? v.name().equals(m.getName())
        : home.text().equals(m.getSource()) && (m.getName() == null || m.getName().isEmpty());
  }

  private static ConfigurationException homeInUse(JenkinsHomeSpec home, Container c) {
    String other =
        c.getNames() != null && c.getNames().length > 0
            ? c.getNames()[0].replaceFirst("^/", "")
            : ContainerStates.shortId(c.getId());
    return new ConfigurationException(
        "jenkinsHome "
            + home.text()
            + " is in use by the running container "
            + other
            + "; two Jenkins must not share one home",
        Setting.JENKINS_HOME,
        home.text(),
        Suggestion.builder()
            .text("give this container its own ")
            .setting(Setting.JENKINS_HOME)
            .text(" (the default is the ")
            .setting(Setting.CONTAINER_NAME)
            .text(" followed by _home), or stop " + other + " first")
            .build(),
        null);
  }

  /**
   * Stops and removes the container being replaced; its jenkins_home is kept.
   *
   * @param engine the daemon
   * @param plan the checked request
   * @param container the container
   * @param events where progress goes
   * @throws EnvironmentException if the daemon fails
   */
  static void replace(
      Engine engine, RunPlan plan, InspectContainerResponse container, EventHandler events)
      throws EnvironmentException {
    String name = plan.containerName();
    events.handle(
        Event.info(
            "Replacing container "
                + name
                + " ("
                + ContainerStates.shortId(container.getId())
                + ", made by jenkins-dind): stopping and removing it; its jenkins_home is kept"));
    ContainerRemoval.stopAndRemove(engine, container.getId(), name);
  }
}
