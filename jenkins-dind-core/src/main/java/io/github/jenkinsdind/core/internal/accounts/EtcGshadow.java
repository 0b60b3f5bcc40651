package io.github.jenkinsdind.core.internal.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code /etc/gshadow} file, immutable. Each edit returns a new value in which only the edited
 * or added line differs; every other line is kept byte for byte.
 *
 * <p>An entry is {@code name:password:admin,admin:member,member}. Blank lines, comments and NIS
 * lines are kept and are not entries; missing trailing fields count as empty.
 */
public final class EtcGshadow {
  private static final int ADMINS = 2;
  private static final int MEMBERS = 3;

  private final ColonFile file;

  private EtcGshadow(ColonFile file) {
    this.file = file;
  }

  /**
   * Reads a gshadow file.
   *
   * @param content the file's bytes
   * @return the file
   */
  public static EtcGshadow parse(byte[] content) {
    return new EtcGshadow(ColonFile.parse(content));
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
   * Returns the entries, in file order.
   *
   * @return the entries
   */
  public List<GshadowGroup> groups() {
    List<GshadowGroup> groups = new ArrayList<>();
    for (Line line : file.lines()) {
      if (line.isEntry()) {
        groups.add(toGroup(line));
      }
    }
    return List.copyOf(groups);
  }

  /**
   * Looks an entry up by group name: the first with that name.
   *
   * @param name the group's name
   * @return the entry, if there is one
   */
  public Optional<GshadowGroup> byName(String name) {
    return groups().stream().filter(g -> g.name().equals(name)).findFirst();
  }

  /**
   * Returns the file with an entry {@code name:!::} for a group (no password, no administrators, no
   * members), as {@code groupadd} writes it. Nothing changes if the group has an entry.
   *
   * @param name the group's name
   * @return the file
   * @throws IllegalArgumentException if the name holds a colon or a line break
   */
  public EtcGshadow withGroup(String name) {
    ColonFile.checkField("group name", name);
    if (byName(name).isPresent()) {
      return this;
    }
    return new EtcGshadow(file.append(Line.raw(name) + ":!::"));
  }

  /**
   * Returns the file with a user in a group's member list (the fourth field), added at its end
   * once: nothing changes if the user is already a member.
   *
   * @param groupName the group's name
   * @param user the user's name
   * @return the file
   * @throws IllegalArgumentException if the group has no entry, or the user's name holds a colon, a
   *     comma or a line break
   */
  public EtcGshadow withMember(String groupName, String user) {
    EtcGroup.checkMember(user);
    int index = file.indexOf(Line.raw(groupName));
    if (index < 0) {
      throw new IllegalArgumentException("No gshadow entry for group " + groupName);
    }
    Line line = file.lines().get(index);
    if (toGroup(line).members().contains(user)) {
      return this;
    }
    String raw = line.fields().size() > MEMBERS ? line.fields().get(MEMBERS) : "";
    return new EtcGshadow(
        file.withLine(index, line.withField(MEMBERS, ColonFile.addMember(raw, Line.raw(user)))));
  }

  private static GshadowGroup toGroup(Line line) {
    List<String> fields = line.fields();
    return new GshadowGroup(
        Line.text(line.name()),
        fields.size() > 1 ? Line.text(fields.get(1)) : "",
        ColonFile.members(fields.size() > ADMINS ? fields.get(ADMINS) : ""),
        ColonFile.members(fields.size() > MEMBERS ? fields.get(MEMBERS) : ""));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EtcGshadow g && file.lines().equals(g.file.lines());
  }

  @Override
  public int hashCode() {
    return Objects.hash(file.lines());
  }

  @Override
  public String toString() {
    return "EtcGshadow[" + file.lines().size() + " lines]";
  }

  /**
   * A gshadow entry.
   *
   * @param name the group's name
   * @param password its password field, usually {@code !} or {@code *}
   * @param admins its administrators
   * @param members its members
   */
  public record GshadowGroup(
      String name, String password, List<String> admins, List<String> members) {
    /**
     * Checks and copies the parts.
     *
     * @param name the name
     * @param password the password field
     * @param admins the administrators
     * @param members the members
     */
    public GshadowGroup {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(password, "password");
      admins = List.copyOf(admins);
      members = List.copyOf(members);
    }
  }
}
