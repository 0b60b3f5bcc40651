package io.github.jenkinsdind.core.internal.registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * The status line and headers a proxy answered to {@code CONNECT}.
 *
 * @param status the status code
 * @param statusLine the whole status line
 * @param offersBasic whether a {@code Proxy-Authenticate} header offers Basic authentication
 */
record ProxyAnswer(int status, String statusLine, boolean offersBasic) {
  private static final int MAX_HEADER_BYTES = 16 * 1024;

  /** Reads the answer's head up to the empty line, byte by byte (the tunnel follows it). */
  static ProxyAnswer read(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the proxy closed the connection without answering CONNECT");
      }
      head.append((char) b);
      if (head.length() > MAX_HEADER_BYTES) {
        throw new IOException("the proxy's answer to CONNECT has no end");
      }
      if (b == '\n' && matched % 2 == 1) {
        matched++;
      } else {
        matched = b == '\r' ? (matched == 2 ? 3 : 1) : 0;
      }
    }
    String[] lines = head.toString().split("\r\n");
    String statusLine = lines[0].trim();
    String[] words = statusLine.split(" ", 3);
    if (words.length < 2 || !words[0].startsWith("HTTP/")) {
      throw new IOException("the proxy did not answer CONNECT with http: " + statusLine);
    }
    int status;
    try {
      status = Integer.parseInt(words[1]);
    } catch (NumberFormatException e) {
      throw new IOException("the proxy answered CONNECT with " + statusLine, e);
    }
    boolean basic = false;
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].toLowerCase(Locale.ROOT);
      basic |= line.startsWith("proxy-authenticate:") && line.contains("basic");
    }
    return new ProxyAnswer(status, statusLine, basic);
  }

  /**
   * The status line without the protocol, for example {@code 502 Bad Gateway}.
   *
   * @return the status and its reason
   */
  String reason() {
    int space = statusLine.indexOf(' ');
    return space < 0 ? statusLine : statusLine.substring(space + 1);
  }
}
