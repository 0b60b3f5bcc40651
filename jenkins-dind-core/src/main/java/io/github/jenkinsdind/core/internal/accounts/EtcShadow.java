package io.github.jenkinsdind.core.internal.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code /etc/shadow} file, immutable. Each edit returns a new value in which only the added
 * line differs; every other line is kept byte for byte.
 *
 * <p>An entry is {@code name:password:lastchg:min:max:warn:inactive:expire:reserved}. Blank lines,
 * comments and NIS lines are kept and are not entries.
 */
public final class EtcShadow {
  /**
   * The fields after the name of a user {@link #withUser} adds: {@code !} (locked: no password
   * login, as {@code useradd} leaves a user without a password), an <em>empty</em> date of last
   * change, then {@code useradd}'s Debian defaults (min 0, max 99999, warn 7 days). {@code useradd}
   * writes today's day number as the date of last change; it is left empty here so that the same
   * build gives the same bytes on any day. An empty date means that password aging is off for the
   * user (shadow(5)), which is moot for a locked password.
   */
  public static final String NEW_USER_FIELDS = ":!::0:99999:7:::";

  private final ColonFile file;

  private EtcShadow(ColonFile file) {
    this.file = file;
  }

  /**
   * Reads a shadow file.
   *
   * @param content the file's bytes
   * @return the file
   */
  public static EtcShadow parse(byte[] content) {
    return new EtcShadow(ColonFile.parse(content));
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
   * Returns the names of the users that have an entry, in file order.
   *
   * @return the names
   */
  public List<String> users() {
    List<String> users = new ArrayList<>();
    for (Line line : file.lines()) {
      if (line.isEntry()) {
        users.add(Line.text(line.name()));
      }
    }
    return List.copyOf(users);
  }

  /**
   * Returns a user's password field.
   *
   * @param name the user's name
   * @return the password field ({@code !}, {@code *}, a hash...), if the user has an entry
   */
  public Optional<String> password(String name) {
    int index = file.indexOf(Line.raw(name));
    if (index < 0) {
      return Optional.empty();
    }
    List<String> fields = file.lines().get(index).fields();
    return Optional.of(fields.size() > 1 ? Line.text(fields.get(1)) : "");
  }

  /**
   * Returns the file with an entry {@code name}{@value #NEW_USER_FIELDS} for a user (see {@link
   * #NEW_USER_FIELDS}). Nothing changes if the user has an entry.
   *
   * @param name the user's name
   * @return the file
   * @throws IllegalArgumentException if the name holds a colon or a line break
   */
  public EtcShadow withUser(String name) {
    ColonFile.checkField("user name", name);
    if (file.indexOf(Line.raw(name)) >= 0) {
      return this;
    }
    return new EtcShadow(file.append(Line.raw(name) + NEW_USER_FIELDS));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EtcShadow s && file.lines().equals(s.file.lines());
  }

  @Override
  public int hashCode() {
    return Objects.hash(file.lines());
  }

  @Override
  public String toString() {
    return "EtcShadow[" + file.lines().size() + " lines]";
  }
}
