package io.github.jenkinsdind.core.internal.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code /etc/passwd} file, immutable. Each edit returns a new value in which only the added or
 * edited line differs; every other line is kept byte for byte.
 *
 * <p>An entry is {@code name:password:uid:gid:gecos:home:shell}. Blank lines, comments and NIS
 * lines ({@code +}, {@code -}) are kept and are not entries; so are malformed lines (fewer than
 * four fields, or a UID or GID that is not a number), which glibc skips too. Missing trailing
 * fields count as empty.
 */
public final class EtcPasswd {
  private static final int UID = 2;
  private static final int GID = 3;

  private final ColonFile file;

  private EtcPasswd(ColonFile file) {
    this.file = file;
  }

  /**
   * Reads a passwd file.
   *
   * @param content the file's bytes
   * @return the file
   */
  public static EtcPasswd parse(byte[] content) {
    return new EtcPasswd(ColonFile.parse(content));
  }

  /**
   * Returns the file's bytes.
   *
   * @return the bytes
   */
  public byte[] toBytes() {
    return file.toBytes();
  }

  /**
   * Returns the users, in file order.
   *
   * @return the users
   */
  public List<User> users() {
    List<User> users = new ArrayList<>();
    for (Line line : file.lines()) {
      toUser(line).ifPresent(users::add);
    }
    return List.copyOf(users);
  }

  /**
   * Looks a user up by name: the first entry with that name, as {@code getpwnam} finds it.
   *
   * @param name the user's name
   * @return the user, if there is one
   */
  public Optional<User> user(String name) {
    return users().stream().filter(u -> u.name().equals(name)).findFirst();
  }

  /**
   * Looks a user up by UID: the first entry with that UID, as {@code getpwuid} finds it.
   *
   * @param uid the UID
   * @return the user, if there is one
   */
  public Optional<User> byUid(long uid) {
    return users().stream().filter(u -> u.uid() == uid).findFirst();
  }

  /**
   * Returns the file with a user appended. Nothing changes if the very same entry exists.
   *
   * @param user the user
   * @return the file
   * @throws IllegalArgumentException if a user of that name exists with other fields
   */
  public EtcPasswd withUser(User user) {
    Optional<User> existing = user(user.name());
    if (existing.isPresent()) {
      if (existing.get().equals(user)) {
        return this;
      }
      throw new IllegalArgumentException("User " + user.name() + " already exists: " + existing);
    }
    String line =
        String.join(
            ":",
            user.name(),
            user.password(),
            "" + user.uid(),
            "" + user.gid(),
            user.gecos(),
            user.home(),
            user.shell());
    return new EtcPasswd(file.append(Line.raw(line)));
  }

  /**
   * Returns the file with a user's primary GID changed (the fourth field); its other fields are
   * kept.
   *
   * @param name the user's name
   * @param gid the new GID
   * @return the file, or this one if the user already has that GID
   * @throws IllegalArgumentException if there is no such user, or the GID is negative
   */
  public EtcPasswd withGid(String name, long gid) {
    if (gid < 0) {
      throw new IllegalArgumentException("Negative GID: " + gid);
    }
    for (int i = 0; i < file.lines().size(); i++) {
      Line line = file.lines().get(i);
      Optional<User> user = toUser(line);
      if (user.isPresent() && user.get().name().equals(name)) {
        return user.get().gid() == gid
            ? this
            : new EtcPasswd(file.withLine(i, line.withField(GID, "" + gid)));
      }
    }
    throw new IllegalArgumentException("No user " + name);
  }

  private static Optional<User> toUser(Line line) {
    if (!line.isEntry()) {
      return Optional.empty();
    }
    List<String> fields = line.fields();
    if (fields.size() < GID + 1) {
      return Optional.empty();
    }
    long uid = ColonFile.parseId(fields.get(UID));
    long gid = ColonFile.parseId(fields.get(GID));
    if (uid < 0 || gid < 0) {
      return Optional.empty();
    }
    return Optional.of(
        new User(
            Line.text(line.name()),
            Line.text(fields.get(1)),
            uid,
            gid,
            field(fields, 4),
            field(fields, 5),
            field(fields, 6)));
  }

  private static String field(List<String> fields, int index) {
    return fields.size() > index ? Line.text(fields.get(index)) : "";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EtcPasswd p && file.lines().equals(p.file.lines());
  }

  @Override
  public int hashCode() {
    return Objects.hash(file.lines());
  }

  @Override
  public String toString() {
    return "EtcPasswd[" + file.lines().size() + " lines]";
  }

  /**
   * A user entry.
   *
   * @param name the user's name
   * @param password its password field, usually {@code x}
   * @param uid its UID
   * @param gid the GID of its primary group
   * @param gecos its comment field, often empty
   * @param home its home directory
   * @param shell its login shell
   */
  public record User(
      String name, String password, long uid, long gid, String gecos, String home, String shell) {
    /**
     * Checks the parts.
     *
     * @param name the name
     * @param password the password field
     * @param uid the UID
     * @param gid the GID
     * @param gecos the comment field
     * @param home the home
     * @param shell the shell
     * @throws IllegalArgumentException if a field holds a colon or a line break, or an ID is
     *     negative
     */
    public User {
      ColonFile.checkField("user name", name);
      ColonFile.checkField("password field", password);
      ColonFile.checkField("comment field", gecos);
      ColonFile.checkField("home", home);
      ColonFile.checkField("shell", shell);
      if (uid < 0 || gid < 0) {
        throw new IllegalArgumentException("Negative UID or GID: " + uid + ":" + gid);
      }
    }
  }
}
