package io.github.jenkinsdind.core.internal.container;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.util.Objects;

/** Reads a container's state as the daemon reports it. Pure functions. */
final class ContainerStates {
  private ContainerStates() {}

  /**
   * Tells whether a container runs steadily: running, not restarting, never restarted.
   *
   * @param container the daemon's view of it
   * @return whether it runs
   */
  static boolean running(InspectContainerResponse container) {
    InspectContainerResponse.ContainerState state = container.getState();
    return state != null
        && Boolean.TRUE.equals(state.getRunning())
        && !Boolean.TRUE.equals(state.getRestarting())
        && (container.getRestartCount() == null || container.getRestartCount() == 0);
  }

  /**
   * Describes a container's state for a message.
   *
   * @param container the daemon's view of it
   * @return for example {@code running}, or {@code exited, exit code 1}
   */
  static String describe(InspectContainerResponse container) {
    InspectContainerResponse.ContainerState s = container.getState();
    if (s == null) {
      return "state unknown";
    }
    String status = Objects.requireNonNullElse(s.getStatus(), "unknown");
    return Boolean.TRUE.equals(s.getRunning()) && !Boolean.TRUE.equals(s.getRestarting())
        ? status
        : status + ", exit code " + s.getExitCodeLong();
  }

  /**
   * Shortens a container ID as docker does.
   *
   * @param id the ID, perhaps {@code null}
   * @return its first 12 characters, or {@code ?}
   */
  static String shortId(String id) {
    return id == null ? "?" : id.substring(0, Math.min(12, id.length()));
  }
}
