package io.github.jenkinsdind.core.internal.container;

import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.daemon.DaemonKind;
import io.github.jenkinsdind.core.internal.daemon.DaemonKind.Kind;
import java.util.List;
import java.util.Optional;

/**
 * What {@code check} says that depends on the kind of daemon: its own FAIL text and fix for
 * rootless Docker, Docker Desktop and Podman, and the note on a pass through a socket of group 0.
 * Docker Engine run by root gets the general texts of {@link CheckVerdict}. Pure functions.
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

  private static CheckVerdict fail(String diagnosis, Suggestion fix) {
    return new CheckVerdict(false, Optional.empty(), diagnosis, Optional.of(fix));
  }
}
