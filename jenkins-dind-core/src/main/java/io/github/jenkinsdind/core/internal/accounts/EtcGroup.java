package io.github.jenkinsdind.core.internal.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code /etc/group} file, immutable. Each edit returns a new value in which only the edited or
 * added line differs; every other line is kept byte for byte.
 *
 * <p>An entry is {@code name:password:gid:member,member}. Blank lines, comments and NIS lines
 * ({@code +}, {@code -}) are kept and are not entries; so are malformed lines (fewer than three
 * fields, or a GID that is not a number), which glibc skips too. A missing member field counts as
 * empty.
 */
public final class EtcGroup {
  private static final int PASSWORD = 1;
  private static final int GID = 2;
  private static final int MEMBERS = 3;

  private final ColonFile file;

  private EtcGroup(ColonFile file) {
    this.file = file;
  }

  /**
   * Reads a group file.
   *
   * @param content the file's bytes
   * @return the file
   */
  public static EtcGroup parse(byte[] content) {
    return new EtcGroup(ColonFile.parse(content));
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
   * Returns the groups, in file order.
   *
   * @return the groups
   */
  public List<Group> groups() {
    List<Group> groups = new ArrayList<>();
    for (Line line : file.lines()) {
      toGroup(line).ifPresent(groups::add);
    }
    return List.copyOf(groups);
  }

  /**
   * Looks a group up by name: the first entry with that name, as {@code getgrnam} finds it.
   *
   * @param name the group's name
   * @return the group, if there is one
   */
  public Optional<Group> byName(String name) {
    return groups().stream().filter(g -> g.name().equals(name)).findFirst();
  }

  /**
   * Looks a group up by GID: the first entry with that GID, as {@code getgrgid} finds it.
   *
   * @param gid the GID
   * @return the group, if there is one
   */
  public Optional<Group> byGid(long gid) {
    return groups().stream().filter(g -> g.gid() == gid).findFirst();
  }

  /**
   * Returns the file with a group {@code name:x:gid:} and no members. Nothing changes if the group
   * already exists with that GID.
   *
   * @param name the group's name
   * @param gid its GID
   * @return the file
   * @throws IllegalArgumentException if the group exists with another GID (see {@link #withGid}),
   *     or the name holds a colon or a line break
   */
  public EtcGroup withGroup(String name, long gid) {
    ColonFile.checkField("group name", name);
    Optional<Group> existing = byName(name);
    if (existing.isPresent()) {
      if (existing.get().gid() != gid) {
        throw new IllegalArgumentException(
            "Group " + name + " already exists with GID " + existing.get().gid());
      }
      return this;
    }
    return new EtcGroup(file.append(Line.raw(name) + ":x:" + gid + ":"));
  }

  /**
   * Returns the file with a group's GID changed; its other fields are kept.
   *
   * @param name the group's name
   * @param gid the new GID
   * @return the file, or this one if the group already has that GID
   * @throws IllegalArgumentException if there is no such group
   */
  public EtcGroup withGid(String name, long gid) {
    int index = indexOf(name);
    if (toGroup(file.lines().get(index)).orElseThrow().gid() == gid) {
      return this;
    }
    return new EtcGroup(file.withLine(index, file.lines().get(index).withField(GID, "" + gid)));
  }

  /**
   * Returns the file with a user in a group's member list, added at its end once: nothing changes
   * if the user is already a member.
   *
   * @param groupName the group's name
   * @param user the user's name
   * @return the file
   * @throws IllegalArgumentException if there is no such group, or the user's name holds a colon, a
   *     comma or a line break
   */
  public EtcGroup withMember(String groupName, String user) {
    checkMember(user);
    int index = indexOf(groupName);
    Line line = file.lines().get(index);
    if (toGroup(line).orElseThrow().members().contains(user)) {
      return this;
    }
    String raw = line.fields().size() > MEMBERS ? line.fields().get(MEMBERS) : "";
    return new EtcGroup(
        file.withLine(index, line.withField(MEMBERS, ColonFile.addMember(raw, Line.raw(user)))));
  }

  static void checkMember(String user) {
    ColonFile.checkField("user name", user);
    if (user.indexOf(',') >= 0 || user.isBlank()) {
      throw new IllegalArgumentException("Not a member name: '" + user + "'");
    }
  }

  private int indexOf(String name) {
    for (int i = 0; i < file.lines().size(); i++) {
      Optional<Group> group = toGroup(file.lines().get(i));
      if (group.isPresent() && group.get().name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("No group " + name);
  }

  private static Optional<Group> toGroup(Line line) {
    if (!line.isEntry()) {
      return Optional.empty();
    }
    List<String> fields = line.fields();
    if (fields.size() < GID + 1) {
      return Optional.empty();
    }
    long gid = ColonFile.parseId(fields.get(GID));
    if (gid < 0) {
      return Optional.empty();
    }
    String members = fields.size() > MEMBERS ? fields.get(MEMBERS) : "";
    return Optional.of(
        new Group(
            Line.text(line.name()),
            Line.text(fields.get(PASSWORD)),
            gid,
            ColonFile.members(members)));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EtcGroup g && file.lines().equals(g.file.lines());
  }

  @Override
  public int hashCode() {
    return Objects.hash(file.lines());
  }

  @Override
  public String toString() {
    return "EtcGroup[" + file.lines().size() + " lines]";
  }

  /**
   * A group entry.
   *
   * @param name the group's name
   * @param password its password field, usually {@code x}
   * @param gid its GID
   * @param members its members, in file order
   */
  public record Group(String name, String password, long gid, List<String> members) {
    /**
     * Checks and copies the parts.
     *
     * @param name the name
     * @param password the password field
     * @param gid the GID
     * @param members the members
     */
    public Group {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(password, "password");
      members = List.copyOf(members);
    }
  }
}
