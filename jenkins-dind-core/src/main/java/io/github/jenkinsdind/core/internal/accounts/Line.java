package io.github.jenkinsdind.core.internal.accounts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One line of a colon-separated account file, kept verbatim: its text and its line ending ({@code
 * "\n"}, {@code "\r\n"}, or {@code ""} for a last line without one).
 *
 * <p>The text holds the file's bytes one char per byte (ISO-8859-1), so that any content, valid
 * UTF-8 or not, is written back unchanged.
 *
 * @param text the line without its ending
 * @param eol the line ending
 */
record Line(String text, String eol) {

  /**
   * Says whether this line is an entry: not blank, not a comment ({@code #}) and not a NIS
   * compatibility line ({@code +} or {@code -}). Leading blanks are skipped, as glibc does.
   *
   * @return whether it is an entry
   */
  boolean isEntry() {
    String s = text.strip();
    return !s.isEmpty() && !s.startsWith("#") && !s.startsWith("+") && !s.startsWith("-");
  }

  /**
   * Returns the raw fields, split at every colon.
   *
   * @return the fields, at least one
   */
  List<String> fields() {
    return Arrays.asList(text.split(":", -1));
  }

  /**
   * Returns the entry's name: its first field without leading or trailing blanks.
   *
   * @return the name
   */
  String name() {
    return fields().get(0).strip();
  }

  /**
   * Returns the line with one field replaced, adding empty fields when the line has fewer. The
   * other fields and the line ending are kept as they are.
   *
   * @param index the field's index
   * @param value the new raw value (one char per byte)
   * @return the line
   */
  Line withField(int index, String value) {
    List<String> fields = new ArrayList<>(fields());
    while (fields.size() <= index) {
      fields.add("");
    }
    fields.set(index, value);
    return new Line(String.join(":", fields), eol);
  }

  /**
   * Turns text into the one-char-per-byte form of the file (UTF-8 bytes).
   *
   * @param text the text
   * @return the raw form
   */
  static String raw(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  /**
   * Turns a raw field back into text, decoding it as UTF-8.
   *
   * @param raw the raw form
   * @return the text
   */
  static String text(String raw) {
    return new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }
}
