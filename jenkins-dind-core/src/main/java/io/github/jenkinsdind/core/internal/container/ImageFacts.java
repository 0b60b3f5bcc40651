package io.github.jenkinsdind.core.internal.container;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a probe container saw inside an image, as the image's user, with the Docker socket mounted:
 * who the user is, its groups, the socket's GID and mode as the Docker host has them, and where the
 * docker CLI is.
 *
 * @param uid the user's UID
 * @param user the user's name (the UID when it has none)
 * @param groups the user's GIDs in the image, primary first
 * @param socketGid the socket's GID, if the socket was there
 * @param socketMode the socket's permission bits in octal, such as {@code 660}, or empty
 * @param docker the docker CLI's path on the user's PATH, if there is one
 */
public record ImageFacts(
    long uid,
    String user,
    List<Long> groups,
    OptionalLong socketGid,
    String socketMode,
    Optional<String> docker) {

  /**
   * The probe's shell script. It takes the socket path as {@code $1} and prints {@code key=value}
   * lines that {@link #parse} reads. It needs only {@code sh}, {@code id} and {@code stat}, which
   * Debian-, Alpine- and busybox-based images all have.
   */
  public static final String SCRIPT =
      "s=\"$1\"\n"
          + "echo \"uid=$(id -u)\"\n"
          + "echo \"user=$(id -un 2>/dev/null || id -u)\"\n"
          + "echo \"groups=$(id -G)\"\n"
          + "if [ -e \"$s\" ]; then\n"
          + "  echo \"socketgid=$(stat -L -c %g \"$s\")\"\n"
          + "  echo \"socketmode=$(stat -L -c %a \"$s\")\"\n"
          + "fi\n"
          + "d=$(command -v docker 2>/dev/null) && echo \"docker=$d\"\n"
          + "exit 0\n";

  /**
   * Copies the parts.
   *
   * @param uid the UID
   * @param user the user name
   * @param groups the GIDs
   * @param socketGid the socket's GID
   * @param socketMode the socket's mode
   * @param docker the CLI path
   */
  public ImageFacts {
    groups = List.copyOf(groups);
  }

  /**
   * Reads the probe's output.
   *
   * @param output the {@code key=value} lines
   * @return the facts, or empty when the output lacks the user's UID or groups
   */
  public static Optional<ImageFacts> parse(String output) {
    Long uid = null;
    String user = null;
    List<Long> groups = null;
    OptionalLong socketGid = OptionalLong.empty();
    String socketMode = "";
    Optional<String> docker = Optional.empty();
    for (String raw : output.split("\n")) {
      String line = raw.trim();
      int eq = line.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = line.substring(0, eq);
      String value = line.substring(eq + 1).trim();
      switch (key) {
        case "uid" -> uid = number(value);
        case "user" -> user = value;
        case "groups" -> groups = numbers(value);
        case "socketgid" -> {
          Long gid = number(value);
          socketGid = gid == null ? OptionalLong.empty() : OptionalLong.of(gid);
        }
        case "socketmode" -> socketMode = value;
        case "docker" -> docker = value.isEmpty() ? Optional.empty() : Optional.of(value);
        default -> {
          // not ours: an image's profile may print things
        }
      }
    }
    if (uid == null || groups == null) {
      return Optional.empty();
    }
    return Optional.of(
        new ImageFacts(
            uid,
            user == null || user.isEmpty() ? Long.toString(uid) : user,
            groups,
            socketGid,
            socketMode,
            docker));
  }

  /**
   * Describes the user.
   *
   * @return for example {@code jenkins (uid 1000)}
   */
  public String describeUser() {
    return user.equals(Long.toString(uid)) ? "uid " + uid : user + " (uid " + uid + ")";
  }

  /**
   * Tells whether the socket's mode lets its group read and write it.
   *
   * @return whether the group has rw, or {@code true} when the mode is unknown
   */
  public boolean socketGroupWritable() {
    if (!socketMode.matches("[0-7]{3,4}")) {
      return true;
    }
    int bits = Integer.parseInt(socketMode, 8);
    return (bits & 060) == 060;
  }

  private static Long number(String value) {
    return value.matches("\\d{1,10}") ? Long.parseLong(value) : null;
  }

  private static List<Long> numbers(String value) {
    List<Long> list = new ArrayList<>();
    for (String part : value.trim().split("\\s+")) {
      Long n = number(part);
      if (n == null) {
        return null;
      }
      list.add(n);
    }
    return list;
  }
}
