package io.github.jenkinsdind.core.internal.container;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.internal.daemon.Engine;

/** Stops and removes containers, always keeping their volumes. */
final class ContainerRemoval {
  private static final int STOP_SECONDS = 10;

  private ContainerRemoval() {}

  /**
   * Stops and removes a container, keeping every volume. A container already stopped or gone is no
   * error.
   *
   * @param engine the daemon
   * @param id the container
   * @param name its name, for messages
   * @throws EnvironmentException if the daemon fails
   */
  static void stopAndRemove(Engine engine, String id, String name) throws EnvironmentException {
    try {
      engine.client().stopContainerCmd(id).withTimeout(STOP_SECONDS).exec();
    } catch (NotModifiedException | NotFoundException e) {
      // already stopped, or gone
    } catch (RuntimeException e) {
      throw engine.fault("stop container " + name, e, null);
    }
    try {
      engine.client().removeContainerCmd(id).withRemoveVolumes(false).withForce(true).exec();
    } catch (NotFoundException e) {
      // gone already
    } catch (RuntimeException e) {
      throw engine.fault("remove container " + name, e, null);
    }
  }

  /**
   * Removes a container that failed to start, keeping its volumes; a failure is only reported.
   *
   * @param engine the daemon
   * @param id the container
   * @param name its name, for messages
   * @param events where a failure to remove it is reported
   */
  static void removeQuietly(Engine engine, String id, String name, EventHandler events) {
    try {
      engine.client().removeContainerCmd(id).withRemoveVolumes(false).withForce(true).exec();
    } catch (RuntimeException e) {
      events.handle(
          Event.warn(
              "Could not remove the container "
                  + name
                  + " that failed to start: "
                  + Engine.causeText(e)));
    }
  }
}
