package io.github.jenkinsdind.core.internal.container;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import java.util.List;
import java.util.Locale;

/**
 * Which supplementary group the container's user gets: {@code auto} (the Docker socket's GID as the
 * Docker host sees it), {@code none}, or a fixed GID.
 */
public sealed interface GroupAddPolicy
    permits GroupAddPolicy.Auto, GroupAddPolicy.None, GroupAddPolicy.Fixed {

  /** The largest GID accepted (the Linux maximum, 2^32 - 2). */
  long MAX_GID = 4_294_967_294L;

  /**
   * Parses the setting.
   *
   * @param text {@code auto}, {@code none} or a GID
   * @return the policy
   * @throws ConfigurationException if it is none of these
   */
  static GroupAddPolicy parse(String text) throws ConfigurationException {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (value.equals("auto")) {
      return new Auto();
    }
    if (value.equals("none")) {
      return new None();
    }
    if (value.matches("\\d{1,10}") && Long.parseLong(value) <= MAX_GID) {
      return new Fixed(Long.parseLong(value));
    }
    throw new ConfigurationException(
        "groupAdd must be auto, none or a numeric GID, not '" + text + "'",
        Setting.GROUP_ADD,
        text,
        "use auto (the Docker socket's GID, found when the container starts), none, or a number"
            + " such as the one `stat -c %g /var/run/docker.sock` prints on the Docker host");
  }

  /**
   * Returns the supplementary GIDs to add.
   *
   * @param socketGid the socket's GID as the Docker host sees it (used by {@code auto} only)
   * @return the GIDs
   */
  List<Long> groups(long socketGid);

  /**
   * Returns the setting as users write it.
   *
   * @return {@code auto}, {@code none} or the GID
   */
  String text();

  /** Adds the socket's GID. */
  record Auto() implements GroupAddPolicy {
    @Override
    public List<Long> groups(long socketGid) {
      return List.of(socketGid);
    }

    @Override
    public String text() {
      return "auto";
    }
  }

  /** Adds nothing: the image's own groups must match the socket. */
  record None() implements GroupAddPolicy {
    @Override
    public List<Long> groups(long socketGid) {
      return List.of();
    }

    @Override
    public String text() {
      return "none";
    }
  }

  /**
   * Adds a fixed GID.
   *
   * @param gid the GID
   */
  record Fixed(long gid) implements GroupAddPolicy {
    @Override
    public List<Long> groups(long socketGid) {
      return List.of(gid);
    }

    @Override
    public String text() {
      return Long.toString(gid);
    }
  }
}
