package io.github.jenkinsdind.core.internal.jib;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads jib-core's credential log. When a Docker credential helper's answer is not a credential,
 * Jib's message carries the helper's whole output after {@code "Got output:"}: a helper that prints
 * its JSON slightly wrong prints the secret there. The output is cut off before the message goes
 * anywhere, and a helper that answered something other than the protocol's "credentials not found"
 * is named, so that the lookup can fail naming it.
 */
final class HelperLog {
  /** What jib-core's {@code CredentialHelperUnhandledServerUrlException} puts before the output. */
  static final String OUTPUT_MARKER = "\n\nGot output:\n\n";

  /** The protocol's answer for "this helper has nothing for that server". */
  static final String NOT_FOUND = "credentials not found in native keychain";

  private static final Pattern HELPER = Pattern.compile("The credential helper \\(([^)]*)\\)");

  private HelperLog() {}

  /**
   * Returns a message with any credential helper output cut off.
   *
   * @param message a message of Jib's credential lookup
   * @return the message up to the helper's output, with a note that the output is not shown
   */
  static String redact(String message) {
    int at = message.indexOf(OUTPUT_MARKER);
    if (at < 0) {
      return message;
    }
    return message.substring(0, at) + " (the helper's output is not shown: it may hold a secret)";
  }

  /**
   * Names the helper whose answer was neither a credential nor the protocol's "not found".
   *
   * @param message a message of Jib's credential lookup
   * @return the helper's program, for example {@code docker-credential-pass}, if the message says
   *     it answered something unreadable
   */
  static Optional<String> unreadableHelper(String message) {
    int at = message.indexOf(OUTPUT_MARKER);
    if (at < 0) {
      return Optional.empty();
    }
    String output = message.substring(at + OUTPUT_MARKER.length());
    if (output.contains(NOT_FOUND)) {
      return Optional.empty();
    }
    Matcher helper = HELPER.matcher(message.substring(0, at));
    if (!helper.find()) {
      return Optional.of("a Docker credential helper");
    }
    String path = helper.group(1);
    return Optional.of(path.substring(path.lastIndexOf('/') + 1));
  }
}
