package io.github.jenkinsdind.core.internal.container;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.StopRequest;
import io.github.jenkinsdind.core.api.StopResult;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.daemon.DaemonFault;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import io.github.jenkinsdind.core.internal.daemon.ManagedLabels;
import java.util.Optional;

/**
 * The {@code stop} operation: stops and removes a container that jenkins-dind made. Its
 * jenkins_home stays unless {@code removeVolume} is asked for, and then only a named volume is
 * removed: a host directory is never deleted.
 */
public final class JenkinsStop {
  private JenkinsStop() {}

  /**
   * Stops a container.
   *
   * @param engine the daemon
   * @param request what to stop
   * @param events where progress goes
   * @return what was done
   * @throws JenkinsDindException if the name is invalid or held by a container jenkins-dind did not
   *     make, or the daemon fails
   */
  public static StopResult stop(Engine engine, StopRequest request, EventHandler events)
      throws JenkinsDindException {
    String name = Inputs.containerName(request.containerName());
    Optional<InspectContainerResponse> found = engine.container(name);
    if (found.isEmpty()) {
      events.handle(Event.info("There is no container named " + name + ": nothing to stop"));
      return new StopResult(name, false, Optional.empty(), false);
    }
    InspectContainerResponse container = found.get();
    if (!ManagedLabels.isManaged(
        container.getConfig() == null ? null : container.getConfig().getLabels())) {
      throw new ConfigurationException(
          "The container "
              + name
              + " was not made by jenkins-dind (it has no "
              + ManagedLabels.MANAGED
              + "=true label); it is left alone",
          Setting.CONTAINER_NAME,
          name,
          Suggestion.builder()
              .text("give the ")
              .setting(Setting.CONTAINER_NAME)
              .text(" that ")
              .run(Suggestion.Operation.RUN)
              .text(" used, or stop that container yourself (docker stop " + name + ")")
              .text(" if you mean to")
              .build(),
          null);
    }
    Optional<InspectContainerResponse.Mount> home =
        container.getMounts() == null
            ? Optional.empty()
            : container.getMounts().stream()
                .filter(
                    m ->
                        m.getDestination() != null
                            && JenkinsHomeSpec.TARGET.equals(m.getDestination().getPath()))
                .findFirst();
    Optional<String> volume =
        home.map(InspectContainerResponse.Mount::getName).filter(n -> !n.isEmpty());
    Optional<String> homeText =
        volume.isPresent() ? volume : home.map(InspectContainerResponse.Mount::getSource);

    ContainerRemoval.stopAndRemove(engine, container.getId(), name);
    events.handle(Event.info("Stopped and removed the container " + name));

    boolean removedVolume = false;
    if (request.removeVolume() && volume.isPresent()) {
      String v = volume.get();
      try {
        engine.client().removeVolumeCmd(v).exec();
        removedVolume = true;
        events.handle(Event.info("Removed the volume " + v + " (removeVolume=true)"));
      } catch (NotFoundException e) {
        events.handle(Event.info("The volume " + v + " was already gone"));
      } catch (RuntimeException e) {
        throw new EnvironmentException(
            "The container "
                + name
                + " is removed, but its volume "
                + v
                + " could not be: "
                + Engine.causeText(e),
            Setting.REMOVE_VOLUME,
            "true",
            "see which container still uses it: docker ps -a --filter volume=" + v,
            DaemonFault.of(e));
      }
    } else if (request.removeVolume() && homeText.isPresent()) {
      events.handle(
          Event.warn(
              "jenkins_home "
                  + homeText.get()
                  + " is a host directory: jenkins-dind never"
                  + " deletes one, removeVolume=true or not; delete it yourself if you mean to"));
    } else if (homeText.isPresent()) {
      events.handle(
          Event.info(
              "jenkins_home "
                  + homeText.get()
                  + " is kept (removeVolume=true would remove"
                  + " a volume)"));
    }
    return new StopResult(name, true, homeText, removedVolume);
  }
}
