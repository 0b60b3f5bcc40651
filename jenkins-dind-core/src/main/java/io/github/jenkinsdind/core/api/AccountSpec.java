package io.github.jenkinsdind.core.api;

import java.util.Objects;

/**
 * The account edit: the docker group with its GID, and the user that joins it. When the base has no
 * such user, it is created as {@link #newUser()} says.
 *
 * @param user the user that runs Jenkins, {@code jenkins} by default
 * @param group the docker group's name, {@code docker} by default
 * @param gid the docker group's GID, from 0 to 2147483647; {@code 999} by default
 * @param newUser how to create the user when the base has none
 */
public record AccountSpec(String user, String group, long gid, NewUser newUser) {
  /** The default user. */
  public static final String DEFAULT_USER = "jenkins";

  /** The default group. */
  public static final String DEFAULT_GROUP = "docker";

  /** The default GID. */
  public static final long DEFAULT_GID = 999;

  /**
   * Checks the parts (names and range are validated when the build starts).
   *
   * @param user the user
   * @param group the group
   * @param gid the GID
   * @param newUser how to create the user
   */
  public AccountSpec {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(newUser, "newUser");
  }

  /**
   * The defaults: user {@code jenkins} in group {@code docker} with GID 999.
   *
   * @return the spec
   */
  public static AccountSpec defaults() {
    return new AccountSpec(DEFAULT_USER, DEFAULT_GROUP, DEFAULT_GID, NewUser.defaults());
  }

  /**
   * Returns a copy with another GID.
   *
   * @param newGid the GID
   * @return the copy
   */
  public AccountSpec withGid(long newGid) {
    return new AccountSpec(user, group, newGid, newUser);
  }

  /**
   * How a missing user is created.
   *
   * @param uid its UID, 1000 by default
   * @param gid the GID of its own primary group (named as the user), 1000 by default
   * @param home its home, {@code /var/jenkins_home} by default
   * @param shell its shell, {@code /bin/bash} by default
   */
  public record NewUser(long uid, long gid, String home, String shell) {
    /**
     * Checks the parts.
     *
     * @param uid the UID
     * @param gid the GID
     * @param home the home
     * @param shell the shell
     */
    public NewUser {
      Objects.requireNonNull(home, "home");
      Objects.requireNonNull(shell, "shell");
    }

    /**
     * The defaults: 1000:1000, {@code /var/jenkins_home}, {@code /bin/bash}.
     *
     * @return the defaults
     */
    public static NewUser defaults() {
      return new NewUser(1000, 1000, "/var/jenkins_home", "/bin/bash");
    }
  }
}
