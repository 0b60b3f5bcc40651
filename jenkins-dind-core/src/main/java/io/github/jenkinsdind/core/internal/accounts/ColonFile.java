package io.github.jenkinsdind.core.internal.accounts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The lines of a colon-separated account file, immutable. {@link #toBytes()} gives back exactly the
 * bytes {@link #parse} read; edits replace or append single lines and leave every other line as it
 * was.
 */
final class ColonFile {
  private final List<Line> lines;

  private ColonFile(List<Line> lines) {
    this.lines = List.copyOf(lines);
  }

  /**
   * Splits bytes into lines. A line ends at {@code \n}; a {@code \r} just before it is part of the
   * ending. The last line may have no ending.
   *
   * @param content the file's bytes
   * @return the file
   */
  static ColonFile parse(byte[] content) {
    String all = new String(content, StandardCharsets.ISO_8859_1);
    List<Line> lines = new ArrayList<>();
    int start = 0;
    while (start < all.length()) {
      int newline = all.indexOf('\n', start);
      if (newline < 0) {
        lines.add(new Line(all.substring(start), ""));
        break;
      }
      boolean crlf = newline > start && all.charAt(newline - 1) == '\r';
      int textEnd = crlf ? newline - 1 : newline;
      lines.add(new Line(all.substring(start, textEnd), crlf ? "\r\n" : "\n"));
      start = newline + 1;
    }
    return new ColonFile(lines);
  }

  /**
   * Returns the file's bytes.
   *
   * @return the bytes
   */
  byte[] toBytes() {
    StringBuilder all = new StringBuilder();
    for (Line line : lines) {
      all.append(line.text()).append(line.eol());
    }
    return all.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * Returns the lines.
   *
   * @return the lines, unmodifiable
   */
  List<Line> lines() {
    return lines;
  }

  /**
   * Returns the index of the first entry with this name.
   *
   * @param name the name
   * @return the index, or -1
   */
  int indexOf(String name) {
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      if (line.isEntry() && line.name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Returns the file with one line replaced.
   *
   * @param index the line's index
   * @param line the new line
   * @return the file, or this one if the line is unchanged
   */
  ColonFile withLine(int index, Line line) {
    if (lines.get(index).equals(line)) {
      return this;
    }
    List<Line> copy = new ArrayList<>(lines);
    copy.set(index, line);
    return new ColonFile(copy);
  }

  /**
   * Returns the file with a line appended. The new line takes the file's line ending (that of its
   * last ended line, {@code \n} if none). If the file had no final newline, the former last line
   * gets one and the new last line has none: the file still ends without a newline.
   *
   * @param rawText the line's text, one char per byte, without an ending
   * @return the file
   * @throws IllegalArgumentException if the text holds a line break
   */
  ColonFile append(String rawText) {
    Objects.requireNonNull(rawText, "rawText");
    if (rawText.indexOf('\n') >= 0 || rawText.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("A line break in an account file entry: " + rawText);
    }
    String eol = "\n";
    for (Line line : lines) {
      if (!line.eol().isEmpty()) {
        eol = line.eol();
      }
    }
    List<Line> copy = new ArrayList<>(lines);
    int last = copy.size() - 1;
    if (last >= 0 && copy.get(last).eol().isEmpty()) {
      copy.set(last, new Line(copy.get(last).text(), eol));
      copy.add(new Line(rawText, ""));
    } else {
      copy.add(new Line(rawText, eol));
    }
    return new ColonFile(copy);
  }

  /**
   * Returns a raw member list with one more member: {@code a,b} becomes {@code a,b,user}, an empty
   * list becomes {@code user}. The existing text is kept as it is.
   *
   * @param rawMembers the raw member field
   * @param user the member to add
   * @return the raw member field
   */
  static String addMember(String rawMembers, String user) {
    if (rawMembers.isBlank()) {
      return user;
    }
    return rawMembers.endsWith(",") ? rawMembers + user : rawMembers + "," + user;
  }

  /**
   * Splits a raw member list, dropping blanks around names and empty names.
   *
   * @param rawMembers the raw member field
   * @return the members
   */
  static List<String> members(String rawMembers) {
    List<String> members = new ArrayList<>();
    for (String member : rawMembers.split(",", -1)) {
      if (!member.isBlank()) {
        members.add(Line.text(member.strip()));
      }
    }
    return List.copyOf(members);
  }

  /**
   * Parses a numeric ID field.
   *
   * @param raw the raw field
   * @return the ID, or -1 if it is not a non-negative decimal number
   */
  static long parseId(String raw) {
    String s = raw.strip();
    if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    return Long.parseLong(s);
  }

  /**
   * Checks that a value can be written as one field.
   *
   * @param what what the value is, for the message
   * @param value the value
   * @return the value
   * @throws IllegalArgumentException if it holds a colon or a line break
   */
  static String checkField(String what, String value) {
    Objects.requireNonNull(value, what);
    if (value.indexOf(':') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new IllegalArgumentException(
          "The " + what + " holds a colon or a line break: " + value);
    }
    return value;
  }
}
