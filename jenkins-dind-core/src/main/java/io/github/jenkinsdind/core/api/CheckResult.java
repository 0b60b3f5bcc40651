package io.github.jenkinsdind.core.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The verdict of {@link JenkinsContainers#check}.
 *
 * @param passed whether {@code docker version} reached the daemon from inside the container
 * @param image the image checked
 * @param user the image's user, as {@code name (uid N)}
 * @param userGroups the GIDs of the image's user in the image (without any added group)
 * @param socketGid the socket's GID as the Docker host sees it, if the socket could be seen
 * @param groupsAdded the supplementary GIDs the group policy added
 * @param serverVersion the daemon's version as the CLI in the container reported it, on a pass
 * @param diagnosis what happened, in a sentence or two
 * @param fix the exact fix, on a failure that has one, in parts that each front end words its own
 *     way ({@link Suggestion#toString()} gives neutral words)
 */
public record CheckResult(
    boolean passed,
    String image,
    String user,
    List<Long> userGroups,
    OptionalLong socketGid,
    List<Long> groupsAdded,
    Optional<String> serverVersion,
    String diagnosis,
    Optional<Suggestion> fix) {

  /**
   * Checks and copies the parts.
   *
   * @param passed whether passed
   * @param image the image
   * @param user the user
   * @param userGroups the user's groups
   * @param socketGid the socket's GID
   * @param groupsAdded the added groups
   * @param serverVersion the server version
   * @param diagnosis the diagnosis
   * @param fix the fix
   */
  public CheckResult {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(user, "user");
    userGroups = List.copyOf(userGroups);
    Objects.requireNonNull(socketGid, "socketGid");
    groupsAdded = List.copyOf(groupsAdded);
    Objects.requireNonNull(serverVersion, "serverVersion");
    Objects.requireNonNull(diagnosis, "diagnosis");
    Objects.requireNonNull(fix, "fix");
  }
}
