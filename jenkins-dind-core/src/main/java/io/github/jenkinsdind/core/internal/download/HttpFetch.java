package io.github.jenkinsdind.core.internal.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.time.Duration;
import java.util.Objects;

/**
 * One GET over http or https with the JDK's {@link HttpURLConnection}, following redirects as a
 * browser does: at most {@value #MAX_REDIRECTS}, and never from https down to http. It is used
 * rather than {@code java.net.http.HttpClient}, which sets up the JVM's TLS (the trusted
 * certificates loaded, about half a second of a fresh JVM) even for a plain-http URL and uses about
 * twice the CPU per downloaded byte; a TLS connection here sets up TLS when it is made.
 */
final class HttpFetch {
  /** The most redirects followed. */
  static final int MAX_REDIRECTS = 5;

  /**
   * The answer: its status, its length if it said one, and its body, open.
   *
   * @param status the HTTP status of the last answer
   * @param contentLength the Content-Length, or -1
   * @param body the body (of the error, for a status other than 200), to be closed
   * @param connection the connection, disconnected by {@link #close}
   */
  record Answer(int status, long contentLength, InputStream body, HttpURLConnection connection)
      implements AutoCloseable {
    /** Checks the parts. */
    Answer {
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(connection, "connection");
    }

    @Override
    public void close() throws IOException {
      body.close();
    }
  }

  private HttpFetch() {}

  /**
   * Sends the GET.
   *
   * @param url the URL, {@code http} or {@code https}
   * @param connectTimeout how long to wait for each connection
   * @param readTimeout how long to wait for each read
   * @param userAgent the User-Agent header
   * @return the answer
   * @throws IOException if no answer came, or a redirect went wrong
   */
  static Answer get(URI url, Duration connectTimeout, Duration readTimeout, String userAgent)
      throws IOException {
    URI current = url;
    for (int redirects = 0; ; redirects++) {
      URLConnection opened = current.toURL().openConnection();
      if (!(opened instanceof HttpURLConnection)) {
        throw new IOException("not an http or https URL: " + current);
      }
      HttpURLConnection connection = (HttpURLConnection) opened;
      connection.setInstanceFollowRedirects(false);
      connection.setConnectTimeout((int) connectTimeout.toMillis());
      connection.setReadTimeout((int) readTimeout.toMillis());
      connection.setRequestProperty("User-Agent", userAgent);
      int status = connection.getResponseCode();
      String location = connection.getHeaderField("Location");
      if (isRedirect(status) && location != null) {
        drain(connection);
        if (redirects >= MAX_REDIRECTS) {
          throw new IOException(
              "more than " + MAX_REDIRECTS + " redirects, the last to " + location);
        }
        URI next = current.resolve(location);
        if ("https".equalsIgnoreCase(current.getScheme())
            && !"https".equalsIgnoreCase(next.getScheme())) {
          throw new IOException("a redirect from https down to " + next + " was refused");
        }
        current = next;
        continue;
      }
      InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
      return new Answer(
          status,
          connection.getContentLengthLong(),
          body == null ? InputStream.nullInputStream() : body,
          connection);
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static void drain(HttpURLConnection connection) {
    try (InputStream in =
        connection.getResponseCode() < 400
            ? connection.getInputStream()
            : connection.getErrorStream()) {
      if (in != null) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
    } catch (IOException e) {
      connection.disconnect();
    }
  }
}
