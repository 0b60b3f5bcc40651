package io.github.jenkinsdind.core.internal.accounts;

import io.github.jenkinsdind.core.api.AccountSpec;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.accounts.EtcGroup.Group;
import io.github.jenkinsdind.core.internal.accounts.EtcPasswd.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Puts the Jenkins user into the docker group of a base image's user database. A pure function: the
 * same base and spec always give the same bytes, and applying an edit to its own result changes
 * nothing.
 *
 * <p>The rules, in order:
 *
 * <ol>
 *   <li><b>Names.</b> The user and group names must be portable POSIX names: 1 to 32 characters
 *       from {@code A-Z a-z 0-9 . _ -}, not starting with {@code -}, and not all digits (a numeric
 *       name would be read as an ID by {@code docker run --user} and {@code chown}). Otherwise a
 *       {@link ConfigurationException} names {@link Setting#USER} or {@link Setting#DOCKER_GROUP}.
 *   <li><b>GID.</b> From 0 to 2147483647, or {@link Setting#DOCKER_GID} is at fault. GID 0 (Docker
 *       Desktop's {@code root:root} socket) is allowed with a warning: the user then joins the
 *       group that holds GID 0, {@code root} on most bases.
 *   <li><b>User.</b> If the base has no such user, it is created as {@link AccountSpec#newUser()}
 *       says: {@code user:x:uid:gid::home:shell}, its primary group named as the user (created with
 *       the new user's GID unless the base has a group of that name, whose GID is then used), a
 *       locked {@code /etc/shadow} entry ({@link EtcShadow#NEW_USER_FIELDS}) and a gshadow entry
 *       when those files exist; with a warning. If the UID is another user's, or the primary group
 *       must be created and its GID is another group's, the edit fails ({@link Setting#USER}): two
 *       names for one ID would make {@code ls}, {@code id} and {@code whoami} show the other name.
 *   <li><b>Group.</b> If the group exists with the GID, the user is added to its members. Else, if
 *       another group holds the GID (say {@code systemd-journal:x:999:}), the user joins
 *       <em>that</em> group with a warning, and no group with a duplicate GID is created; a group
 *       of the wanted name with another GID, if any, is then left as it is. Else, if the group
 *       exists with another GID, its GID is changed with a warning; its members are kept, and the
 *       users whose primary group it was follow it (as {@code groupmod -g} does) unless another
 *       group still holds the old GID. Else the group is created, {@code name:x:gid:user}. In every
 *       case the user is added once to the member list of the group it joins, and {@code
 *       /etc/gshadow}, when present, gets the same member (and an entry {@code name:!::} for the
 *       group if it has none).
 * </ol>
 */
public final class AccountEditor {
  /** The longest name accepted. */
  public static final int MAX_NAME_LENGTH = 32;

  /** The largest GID (and UID) accepted. */
  public static final long MAX_ID = Integer.MAX_VALUE;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._-]*");
  private static final String NAME_RULE =
      "a name is 1 to "
          + MAX_NAME_LENGTH
          + " letters, digits, '.', '_' or '-', does not start"
          + " with '-' and is not all digits";

  private AccountEditor() {}

  /**
   * Checks the names and the GID of a spec, as {@link #apply} does first; front ends may call it to
   * fail before reading any image.
   *
   * @param spec the spec
   * @throws ConfigurationException naming {@link Setting#USER}, {@link Setting#DOCKER_GROUP} or
   *     {@link Setting#DOCKER_GID}
   */
  public static void validate(AccountSpec spec) throws ConfigurationException {
    checkName(spec.user(), Setting.USER, "user", "jenkins");
    checkName(spec.group(), Setting.DOCKER_GROUP, "group", "docker");
    if (spec.gid() < 0 || spec.gid() > MAX_ID) {
      throw new ConfigurationException(
          "The docker group's GID " + spec.gid() + " is out of range: a GID is from 0 to " + MAX_ID,
          Setting.DOCKER_GID,
          "" + spec.gid(),
          "perhaps you should set "
              + Setting.DOCKER_GID.key()
              + " to the GID of your Docker"
              + " socket (stat -c %g /var/run/docker.sock)");
    }
  }

  /**
   * Edits a user database as the class documentation says.
   *
   * @param base the base image's files
   * @param spec the user, the group and its GID
   * @return the edited files (same paths, modes and owners) and the warnings
   * @throws ConfigurationException if a name or the GID is invalid, or the user must be created and
   *     its UID or group GID is taken
   */
  public static AccountEdit apply(AccountFiles base, AccountSpec spec)
      throws ConfigurationException {
    validate(spec);
    String user = spec.user();
    String name = spec.group();
    long gid = spec.gid();
    List<String> warnings = new ArrayList<>();
    EtcPasswd passwd = EtcPasswd.parse(base.passwd().content());
    EtcGroup group = EtcGroup.parse(base.group().content());
    EtcGshadow gshadow = base.gshadow() == null ? null : EtcGshadow.parse(base.gshadow().content());
    EtcShadow shadow = base.shadow() == null ? null : EtcShadow.parse(base.shadow().content());

    if (passwd.user(user).isEmpty()) {
      AccountSpec.NewUser newUser = spec.newUser();
      checkNewUser(user, newUser);
      Optional<User> uidHolder = passwd.byUid(newUser.uid());
      if (uidHolder.isPresent()) {
        throw new ConfigurationException(
            "The base image has no user "
                + user
                + ", and the UID "
                + newUser.uid()
                + " to create it with is already user "
                + uidHolder.get().name()
                + "'s",
            Setting.USER,
            user,
            "perhaps you should set "
                + Setting.USER.key()
                + " to "
                + uidHolder.get().name()
                + ", or give the new user a free UID");
      }
      long primary;
      Optional<Group> own = group.byName(user);
      if (own.isPresent()) {
        primary = own.get().gid();
      } else {
        Optional<Group> gidHolder = group.byGid(newUser.gid());
        if (gidHolder.isPresent()) {
          throw new ConfigurationException(
              "The base image has no user "
                  + user
                  + ", and the GID "
                  + newUser.gid()
                  + " of its new primary group "
                  + user
                  + " is already group "
                  + gidHolder.get().name()
                  + "'s",
              Setting.USER,
              user,
              "perhaps you should set "
                  + Setting.USER.key()
                  + " to a user of the base image,"
                  + " or give the new user's group a free GID");
        }
        primary = newUser.gid();
        group = group.withGroup(user, primary);
      }
      if (gshadow != null) {
        gshadow = gshadow.withGroup(user);
      }
      passwd =
          passwd.withUser(
              new User(user, "x", newUser.uid(), primary, "", newUser.home(), newUser.shell()));
      if (shadow != null) {
        shadow = shadow.withUser(user);
      }
      warnings.add(
          "The base image has no user "
              + user
              + ": created it with UID "
              + newUser.uid()
              + ", primary group "
              + user
              + " (GID "
              + primary
              + (own.isPresent() ? ", the base's existing group" : "")
              + "), home "
              + newUser.home()
              + " and shell "
              + newUser.shell());
    }

    if (gid == 0) {
      warnings.add(
          Setting.DOCKER_GID.key()
              + " is 0: user "
              + user
              + " joins the group with GID 0"
              + " (root on most images), as Docker Desktop's root:root socket needs; it can then"
              + " read and write every file of the image that is group-owned by root and"
              + " group-writable. Use 0 only for such a socket.");
    }
    Optional<Group> named = group.byName(name);
    Optional<Group> holder = group.byGid(gid);
    String joined = name;
    if (named.isPresent() && named.get().gid() == gid) {
      // The plain case: only the member is added.
    } else if (holder.isPresent()) {
      joined = holder.get().name();
      warnings.add(
          "GID "
              + gid
              + " is already group "
              + joined
              + "'s in the base image: user "
              + user
              + " joins "
              + joined
              + " instead of a new group "
              + name
              + ", so that no two groups"
              + " share a GID"
              + named
                  .map(
                      g ->
                          " (the base's group "
                              + name
                              + ", GID "
                              + g.gid()
                              + ", is left as"
                              + " it is)")
                  .orElse(""));
    } else if (named.isPresent()) {
      long old = named.get().gid();
      group = group.withGid(name, gid);
      List<String> moved = new ArrayList<>();
      if (group.byGid(old).isEmpty()) {
        for (User u : passwd.users()) {
          if (u.gid() == old && passwd.user(u.name()).orElseThrow().equals(u)) {
            passwd = passwd.withGid(u.name(), gid);
            moved.add(u.name());
          }
        }
      }
      warnings.add(
          "Group "
              + name
              + " had GID "
              + old
              + ": changed it to "
              + gid
              + ", keeping its members"
              + (moved.isEmpty()
                  ? ""
                  : "; the users whose primary group it is ("
                      + String.join(", ", moved)
                      + ") follow it, as groupmod does")
              + " (files of the base owned by GID "
              + old
              + " keep that number)");
    } else {
      group = group.withGroup(name, gid);
    }
    group = group.withMember(joined, user);
    if (gshadow != null) {
      gshadow = gshadow.withGroup(joined).withMember(joined, user);
    }

    AccountFiles edited =
        new AccountFiles(
            base.passwd().withContent(passwd.toBytes()),
            base.group().withContent(group.toBytes()),
            gshadow == null ? null : base.gshadow().withContent(gshadow.toBytes()),
            shadow == null ? null : base.shadow().withContent(shadow.toBytes()));
    return new AccountEdit(edited, warnings);
  }

  private static void checkName(String value, Setting parameter, String what, String example)
      throws ConfigurationException {
    if (value.length() > MAX_NAME_LENGTH
        || !NAME.matcher(value).matches()
        || value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new ConfigurationException(
          "'" + value + "' is not a valid " + what + " name: " + NAME_RULE,
          parameter,
          value,
          "perhaps you should set " + parameter.key() + " to a name such as " + example);
    }
  }

  private static void checkNewUser(String user, AccountSpec.NewUser newUser)
      throws ConfigurationException {
    for (long id : new long[] {newUser.uid(), newUser.gid()}) {
      if (id < 0 || id > MAX_ID) {
        throw new ConfigurationException(
            "The base image has no user "
                + user
                + ", and the ID "
                + id
                + " to create it with is out of range: an ID is from 0 to "
                + MAX_ID,
            Setting.USER,
            user,
            "perhaps you should give the new user a UID and GID such as 1000");
      }
    }
    for (String path : new String[] {newUser.home(), newUser.shell()}) {
      if (!path.startsWith("/") || path.chars().anyMatch(c -> c == ':' || c < 0x20 || c == 0x7f)) {
        throw new ConfigurationException(
            "The base image has no user "
                + user
                + ", and '"
                + path
                + "' cannot be its home or"
                + " shell: it must be an absolute path without colons or control characters",
            Setting.USER,
            user,
            "perhaps you should give the new user a home such as /var/jenkins_home and a shell"
                + " such as /bin/bash");
      }
    }
  }
}
