package io.github.jenkinsdind.core.internal.container;

import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.daemon.DaemonKind;
import io.github.jenkinsdind.core.internal.daemon.DaemonKind.Kind;
import java.util.List;
import java.util.Optional;

/**
 * What {@code check} and {@code run} say that depends on the kind of daemon: {@code check}'s own
 * FAIL text and fix for rootless Docker, Docker Desktop and Podman, and the note on a pass through
 * a socket of group 0 (Docker Engine run by root gets the general texts of {@link CheckVerdict});
 * {@code run}'s line on the daemon it runs on, with what matters about that kind. Pure functions.
 */
final class DaemonAdvice {
  /** Podman's socket when the service runs as root. */
  static final String PODMAN_ROOTFUL_SOCKET = "/run/podman/podman.sock";

  private DaemonAdvice() {}

  /**
   * The verdict when the socket is not seen in the container, for a kind that has its own.
   *
   * @param socket the socket mounted
   * @param kind the daemon
   * @param output what {@code docker version} said
   * @return the verdict, or empty for Docker Engine
   */
  static Optional<CheckVerdict> socketNotVisible(String socket, DaemonKind kind, String output) {
    String seen = "The socket " + socket + " could not be seen in the container: " + output + " ";
    return switch (kind.kind()) {
      case PODMAN ->
          Optional.of(
              fail(
                  seen
                      + "The daemon is "
                      + kind.describe()
                      + ": its API socket is "
                      + PODMAN_ROOTFUL_SOCKET
                      + " when the service runs as root, and $XDG_RUNTIME_DIR/podman/podman.sock"
                      + " of its user when rootless; there is no /var/run/docker.sock.",
                  Suggestion.builder()
                      .text("give ")
                      .setting(Setting.DOCKER_SOCKET)
                      .text(" as the path of Podman's socket on its host, such as ")
                      .text(
                          kind.rootless()
                              ? "/run/user/1000/podman/podman.sock"
                              : PODMAN_ROOTFUL_SOCKET)
                      .build()));
      case DOCKER_DESKTOP ->
          Optional.of(
              fail(
                  seen
                      + "The daemon is "
                      + kind.describe()
                      + ", which runs in a virtual machine: only /var/run/docker.sock, which Docker"
                      + " Desktop maps to the socket inside it, can be mounted into containers; the"
                      + " socket in your home directory cannot.",
                  Suggestion.builder()
                      .text("give ")
                      .set(Setting.DOCKER_SOCKET, "/var/run/docker.sock")
                      .build()));
      case ROOTLESS_DOCKER ->
          Optional.of(
              fail(
                  seen
                      + "The daemon is "
                      + kind.describe()
                      + ": its socket is $XDG_RUNTIME_DIR/docker.sock of the user who runs it, not"
                      + " /var/run/docker.sock.",
                  Suggestion.builder()
                      .text("give ")
                      .setting(Setting.DOCKER_SOCKET)
                      .text(" as that user's $XDG_RUNTIME_DIR/docker.sock, such as")
                      .text(" /run/user/1000/docker.sock")
                      .build()));
      case DOCKER_ENGINE -> Optional.empty();
    };
  }

  /**
   * The verdict when the container's user, not in the socket's group, is denied, for a kind that
   * has its own.
   *
   * @param socket the socket mounted
   * @param facts what the probe saw
   * @param kind the daemon
   * @param gid the socket's GID as containers see it
   * @param groupsText the user's groups and what the policy added, for the text
   * @return the verdict, or empty for Docker Engine
   */
  static Optional<CheckVerdict> notInGroup(
      String socket, ImageFacts facts, DaemonKind kind, long gid, String groupsText) {
    String user = facts.describeUser();
    String denied = "Permission denied on " + socket + ": the daemon is " + kind.describe();
    if (kind.rootless()) {
      return Optional.of(
          fail(
              denied
                  + ", which runs as an unprivileged user in a user namespace. The socket belongs"
                  + " to that user, whom containers see as root (uid 0), GID "
                  + gid
                  + ", mode "
                  + facts.socketMode()
                  + "; "
                  + user
                  + " is another user, in groups "
                  + groupsText
                  + ", mapped to a subordinate UID on the host. Adding a group does not make it"
                  + " the socket's owner, and helps only if the socket's mode lets its group in.",
              Suggestion.builder()
                  .text("run it with ")
                  .set(Setting.GROUP_ADD, "auto")
                  .text(", which adds the socket's group as containers see it (it works when the")
                  .text(" socket's mode lets its group read and write, chmod 660 on the host); or")
                  .text(" run the container's user as root (uid 0), which in a rootless daemon is")
                  .text(" the unprivileged user who runs it, not root on the host")
                  .build()));
    }
    if (kind.kind() == Kind.DOCKER_DESKTOP || gid == 0) {
      String why =
          kind.kind() == Kind.DOCKER_DESKTOP
              ? ". Docker Desktop's socket inside its virtual machine is root:root, GID 0, and"
                  + " there is no docker group to give; "
              : ". Its socket belongs to root:root, GID 0; ";
      return Optional.of(
          fail(
              denied + why + user + " is in groups " + groupsText + ".",
              Suggestion.builder()
                  .text("run it with ")
                  .set(Setting.GROUP_ADD, "auto")
                  .text(", which adds GID 0, the root group. Know the risk: the container's user")
                  .text(" then reads and writes whatever belongs to group root in the container,")
                  .text(" on top of the daemon's socket, which is root on the Docker host anyway")
                  .build()));
    }
    if (kind.kind() == Kind.PODMAN) {
      return Optional.of(
          fail(
              denied
                  + ". Its socket belongs to GID "
                  + gid
                  + ", but "
                  + user
                  + " is in groups "
                  + groupsText
                  + ".",
              Suggestion.builder()
                  .text("run it with ")
                  .set(Setting.GROUP_ADD, "auto")
                  .text(", or build the image with ")
                  .set(Setting.DOCKER_GID, Long.toString(gid))
                  .build()));
    }
    return Optional.empty();
  }

  /**
   * The note added to a pass, if any: a socket of group 0 makes the user a member of group root.
   *
   * @param kind the daemon
   * @param added the GIDs the policy added
   * @return the note, starting with a space, or empty text
   */
  static String passNote(DaemonKind kind, List<Long> added) {
    if (!added.contains(0L)) {
      return "";
    }
    return " The socket's group is GID 0"
        + (kind.kind() == Kind.DOCKER_DESKTOP ? " (Docker Desktop's socket is root:root)" : "")
        + ", so the container's user is in group root: it can read and write whatever belongs to"
        + " group root in the container.";
  }

  /**
   * What {@code run} says about the daemon it runs on: its kind and version, where it is, the
   * socket mounted, and what matters about that kind for the container's access to the socket.
   *
   * @param kind the daemon
   * @param host its address, such as {@code unix:///var/run/docker.sock}
   * @param socket the socket mounted
   * @param chosen whether the socket was chosen for the daemon, the request giving the default:
   *     then it is the daemon host's own
   * @return for example {@code Running on Docker Engine 20.10.24 (Docker API 1.41) at
   *     unix:///var/run/docker.sock; the socket mounted is /var/run/docker.sock. ...}
   */
  static String runOn(DaemonKind kind, String host, String socket, boolean chosen) {
    return "Running on "
        + kind.describe()
        + " at "
        + host
        + "; the socket mounted is "
        + socket
        + (chosen ? ", its own on the daemon's host" : "")
        + ". "
        + runNote(kind);
  }

  private static String runNote(DaemonKind kind) {
    return switch (kind.kind()) {
      case ROOTLESS_DOCKER ->
          "Rootless Docker runs as an unprivileged user in a user namespace: containers see"
              + " its socket as owned by root (uid 0). The group added (groupAdd) lets the"
              + " container's user in only if the socket's mode lets its group read and write"
              + " (chmod 660 on the host); what Jenkins does through the socket, it does as that"
              + " user, not as root on the host.";
      case PODMAN ->
          "Podman's API service ("
              + (kind.rootless() ? "rootless" : "rootful")
              + "): podman system service makes its socket 0600, which no group can use, and"
              + " Podman's podman.socket unit makes it 0660; the docker CLI in the container talks"
              + " to Podman's Docker-compatible API, where not every docker command works.";
      case DOCKER_DESKTOP ->
          "Docker Desktop runs the daemon in a virtual machine: the socket mounted is the one"
              + " inside it, root:root, GID 0, so groupAdd=auto adds the root group (GID 0), and the"
              + " container's user can then read and write whatever belongs to group root in the"
              + " container.";
      case DOCKER_ENGINE ->
          "The container's user gets the socket's group as the Docker host has it"
              + " (groupAdd); check tells whether the docker CLI in the image can drive the daemon.";
    };
  }

  private static CheckVerdict fail(String diagnosis, Suggestion fix) {
    return new CheckVerdict(false, Optional.empty(), diagnosis, Optional.of(fix));
  }
}
