package io.github.jenkinsdind.core.internal.container;

import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.daemon.DaemonKind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The verdict of {@code check}: from what the probe saw and what {@code docker version} did in the
 * container, whether the image drives the daemon, and if not, why and the exact fix. A pure
 * function of its inputs.
 *
 * @param passed whether {@code docker version} reached the daemon
 * @param serverVersion the daemon's version, on a pass
 * @param diagnosis what happened
 * @param fix the fix, on a failure that has one, in parts that each front end words its own way
 */
public record CheckVerdict(
    boolean passed, Optional<String> serverVersion, String diagnosis, Optional<Suggestion> fix) {

  /**
   * The verdict when the image has no docker CLI.
   *
   * @param image the image
   * @param facts what the probe saw
   * @return the verdict
   */
  public static CheckVerdict noDockerCli(String image, ImageFacts facts) {
    return new CheckVerdict(
        false,
        Optional.empty(),
        "The image "
            + image
            + " has no docker CLI on the PATH of its user "
            + facts.describeUser()
            + ".",
        Optional.of(
            Suggestion.builder()
                .text("build the image with ")
                .run(Suggestion.Operation.BUILD)
                .text(", which puts the docker CLI at /usr/local/bin/docker")
                .build()));
  }

  /**
   * Judges the outcome of {@code docker version} in the container.
   *
   * @param socket the socket path
   * @param facts what the probe saw, without added groups
   * @param policy the group policy used
   * @param added the GIDs the policy added
   * @param exitCode the exit code of {@code docker version}
   * @param stdout its standard output (the server version, on success)
   * @param stderr its standard error
   * @return the verdict
   */
  public static CheckVerdict judge(
      String socket,
      ImageFacts facts,
      GroupAddPolicy policy,
      List<Long> added,
      int exitCode,
      String stdout,
      String stderr) {
    return judge(
        socket,
        facts,
        policy,
        added,
        exitCode,
        stdout,
        stderr,
        new DaemonKind(DaemonKind.Kind.DOCKER_ENGINE, "", "", false));
  }

  /**
   * Judges the outcome of {@code docker version} in the container, with the texts and fixes of the
   * kind of daemon.
   *
   * @param socket the socket path
   * @param facts what the probe saw, without added groups
   * @param policy the group policy used
   * @param added the GIDs the policy added
   * @param exitCode the exit code of {@code docker version}
   * @param stdout its standard output (the server version, on success)
   * @param stderr its standard error
   * @param kind the kind of daemon
   * @return the verdict
   */
  public static CheckVerdict judge(
      String socket,
      ImageFacts facts,
      GroupAddPolicy policy,
      List<Long> added,
      int exitCode,
      String stdout,
      String stderr,
      DaemonKind kind) {
    String user = facts.describeUser();
    String groups = describe(facts.groups());
    String addedText =
        added.isEmpty()
            ? "groupAdd=" + policy.text() + " added none"
            : "groupAdd=" + policy.text() + " added " + describe(added);
    if (exitCode == 0 && !stdout.isBlank()) {
      return new CheckVerdict(
          true,
          Optional.of(stdout.trim()),
          "docker version, run as "
              + user
              + " with groups "
              + groups
              + " ("
              + addedText
              + "), reached "
              + kind.kind().text()
              + " "
              + stdout.trim()
              + " through "
              + socket
              + "."
              + DaemonAdvice.passNote(kind, added),
          Optional.empty());
    }
    String output = (stderr + " " + stdout).trim().replaceAll("\\s+", " ");
    if (facts.socketGid().isEmpty()) {
      Optional<CheckVerdict> own = DaemonAdvice.socketNotVisible(socket, kind, output);
      if (own.isPresent()) {
        return own.get();
      }
      return new CheckVerdict(
          false,
          Optional.empty(),
          "The socket " + socket + " could not be seen in the container: " + output,
          Optional.of(
              Suggestion.builder()
                  .text("give ")
                  .setting(Setting.DOCKER_SOCKET)
                  .text(" as the Docker host has it, such as /var/run/docker.sock")
                  .build()));
    }
    long gid = facts.socketGid().getAsLong();
    if (output.toLowerCase(Locale.ROOT).contains("permission denied")) {
      Set<Long> effective = new LinkedHashSet<>(facts.groups());
      effective.addAll(added);
      if (effective.contains(gid) && !facts.socketGroupWritable()) {
        return new CheckVerdict(
            false,
            Optional.empty(),
            "Permission denied on "
                + socket
                + ": "
                + user
                + " is in the socket's group "
                + gid
                + ", but the socket's mode is "
                + facts.socketMode()
                + ", which does not let its group read and write it.",
            Optional.of(
                Suggestion.text(
                    "make the socket group-readable and -writable on the Docker host (chmod 660 "
                        + socket
                        + "), as Docker's own setup does")));
      }
      if (effective.contains(gid)) {
        return new CheckVerdict(
            false,
            Optional.empty(),
            "Permission denied on "
                + socket
                + " although "
                + user
                + " has its GID "
                + gid
                + " (groups "
                + groups
                + "; "
                + addedText
                + "): "
                + output,
            Optional.of(
                Suggestion.text(
                    "check the daemon's security settings (user namespaces, SELinux or AppArmor)"
                        + " on the Docker host")));
      }
      Optional<CheckVerdict> own =
          DaemonAdvice.notInGroup(socket, facts, kind, gid, groups + " (" + addedText + ")");
      if (own.isPresent()) {
        return own.get();
      }
      return new CheckVerdict(
          false,
          Optional.empty(),
          "Permission denied on "
              + socket
              + ": the socket belongs to GID "
              + gid
              + " on the Docker host, but "
              + user
              + " is in groups "
              + groups
              + " ("
              + addedText
              + ").",
          Optional.of(
              Suggestion.builder()
                  .text("build the image with ")
                  .set(Setting.DOCKER_GID, Long.toString(gid))
                  .text(", or run it with ")
                  .set(Setting.GROUP_ADD, "auto")
                  .text(", which adds the socket's GID when the container starts")
                  .build()));
    }
    return new CheckVerdict(
        false,
        Optional.empty(),
        "docker version, run as "
            + user
            + ", could not reach the daemon through "
            + socket
            + " (exit code "
            + exitCode
            + "): "
            + output,
        Optional.of(
            Suggestion.builder()
                .text("check that ")
                .setting(Setting.DOCKER_SOCKET)
                .text(" (" + socket + ") is the Docker daemon's socket on the Docker host")
                .build()));
  }

  private static String describe(List<Long> gids) {
    return gids.stream().map(String::valueOf).collect(Collectors.joining(" "));
  }
}
