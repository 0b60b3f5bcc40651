package io.github.jenkinsdind.core.internal.daemon;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the Docker daemon's error messages. Pure functions of the text. */
public final class DaemonMessages {
  private static final Pattern JSON_MESSAGE =
      Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern ADDRESS_PORT =
      Pattern.compile("(?:\\d{1,3}(?:\\.\\d{1,3}){3}|\\[[0-9a-fA-F:]*\\]|::):(\\d{1,5})");

  private DaemonMessages() {}

  /**
   * Returns the daemon's own words from a docker-java failure text such as {@code Status 404:
   * {"message":"No such image: x"}}.
   *
   * @param text the failure text, perhaps {@code null}
   * @return the message, or the text trimmed when it holds no JSON message
   */
  public static String text(String text) {
    if (text == null) {
      return "";
    }
    Matcher m = JSON_MESSAGE.matcher(text);
    if (m.find()) {
      return m.group(1).replace("\\\"", "\"").replace("\\\\", "\\").replace("\\n", " ").trim();
    }
    return text.trim();
  }

  /**
   * Tells whether a failure to start says that a host port is taken.
   *
   * @param text the daemon's message
   * @return whether it is a port conflict
   */
  public static boolean isPortInUse(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.contains("port is already allocated") || lower.contains("address already in use");
  }

  /**
   * Finds the host port of a port conflict, as in {@code Bind for 0.0.0.0:8080 failed: port is
   * already allocated} or {@code listen tcp4 0.0.0.0:8080: bind: address already in use}.
   *
   * @param text the daemon's message
   * @return the host port, if the message names one
   */
  public static OptionalInt portInUse(String text) {
    if (!isPortInUse(text)) {
      return OptionalInt.empty();
    }
    Matcher m = ADDRESS_PORT.matcher(text);
    return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  /**
   * Tells whether a failure to create a container says that a bind mount's source is missing, and
   * for which path.
   *
   * @param text the daemon's message
   * @param path the source path
   * @return whether the message says that path does not exist on the Docker host
   */
  public static boolean isMissingBindSource(String text, String path) {
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.contains("bind source path does not exist") && text.trim().endsWith(": " + path);
  }
}
