package io.github.jenkinsdind.core.internal.download;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * Downloads a file (over http, https or from a {@code file:} URL) into the cache, atomically: the
 * bytes go to a temporary file that is renamed to its final name only when complete, so an
 * interrupted download is never used half-written. It reports progress as {@link Event.Progress}
 * events, at most about a dozen per download.
 */
public final class Downloader {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
  private static final long UNKNOWN_TOTAL_STEP = 8L * 1024 * 1024;
  private static final int PERCENT_STEP = 10;

  private final Path cacheDirectory;
  private final EventHandler events;

  /**
   * Creates a downloader.
   *
   * @param cacheDirectory the cache directory, named in messages when a file cannot be written
   * @param events receives progress
   */
  public Downloader(Path cacheDirectory, EventHandler events) {
    this.cacheDirectory = cacheDirectory;
    this.events = events;
  }

  /**
   * Returns a downloader that reports to other events, for many downloads at once, each with its
   * own progress (connections to one host are kept alive and shared by the JVM).
   *
   * @param events receives the progress of the downloads of the new downloader
   * @return the new downloader
   */
  public Downloader reportingTo(EventHandler events) {
    return new Downloader(cacheDirectory, events);
  }

  /**
   * Downloads a file.
   *
   * @param url the URL, {@code http}, {@code https} or {@code file}
   * @param target the final file in the cache
   * @param subject what is downloaded, and the settings that choose it, for messages
   * @return the sha256 of the downloaded file
   * @throws ConfigurationException naming the subject's version setting if there is nothing at the
   *     URL (HTTP 404, or no such file)
   * @throws EnvironmentException naming the subject's URL setting if the download fails otherwise,
   *     or naming {@link Setting#CACHE_DIRECTORY} if the file cannot be written
   */
  public String download(URI url, Path target, DownloadSubject subject)
      throws JenkinsDindException {
    String task = "downloading " + subject.what();
    events.handle(Event.info("Downloading " + subject.what() + " from " + url));
    Path temporary;
    try {
      temporary = CacheFiles.temporaryBeside(target);
    } catch (IOException e) {
      throw cacheFailure(target, e);
    }
    boolean committed = false;
    try {
      String sha256;
      if ("file".equalsIgnoreCase(url.getScheme())) {
        sha256 = copyFile(url, subject, temporary, task);
      } else {
        sha256 = fetch(url, subject, temporary, task);
      }
      try {
        CacheFiles.commit(temporary, target);
      } catch (IOException e) {
        throw cacheFailure(target, e);
      }
      committed = true;
      return sha256;
    } finally {
      if (!committed) {
        CacheFiles.deleteQuietly(temporary);
      }
    }
  }

  private String copyFile(URI url, DownloadSubject subject, Path temporary, String task)
      throws JenkinsDindException {
    Path source;
    try {
      source = Path.of(url);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          "'" + url + "' is not a usable file: URL (" + e.getMessage() + ")",
          subject.urlSetting(),
          url.toString(),
          "perhaps you should write it as file:///absolute/path/FILE",
          e);
    }
    long total;
    InputStream in;
    try {
      total = Files.size(source);
      in = Files.newInputStream(source);
    } catch (NoSuchFileException e) {
      throw notFound(url, subject, e);
    } catch (IOException e) {
      throw downloadFailure(url, subject, "it cannot be read: " + e, e);
    }
    try (in) {
      return transfer(in, total, url, subject, temporary, task);
    } catch (IOException e) {
      throw downloadFailure(url, subject, "closing it failed: " + e, e);
    }
  }

  private String fetch(URI url, DownloadSubject subject, Path temporary, String task)
      throws JenkinsDindException {
    HttpFetch.Answer answer;
    try {
      answer = HttpFetch.get(url, CONNECT_TIMEOUT, RESPONSE_TIMEOUT, "jenkins-dind");
    } catch (IOException e) {
      throw downloadFailure(url, subject, describe(e), e);
    }
    try (answer) {
      int status = answer.status();
      if (status == 404 || status == 410) {
        throw notFound(url, subject, null);
      }
      if (status != 200) {
        throw new EnvironmentException(
            "downloading the " + subject.what() + " from " + url + " failed: HTTP status " + status,
            subject.urlSetting(),
            url.toString(),
            "perhaps you should try again later, set "
                + subject.urlSetting().key()
                + " to a mirror, or set "
                + subject.localFileSetting().key()
                + " to a local file",
            null);
      }
      return transfer(answer.body(), answer.contentLength(), url, subject, temporary, task);
    } catch (IOException e) {
      throw downloadFailure(url, subject, describe(e), e);
    }
  }

  private String transfer(
      InputStream in, long total, URI url, DownloadSubject subject, Path temporary, String task)
      throws JenkinsDindException {
    MessageDigest digest = Sha256.newDigest();
    byte[] buffer = new byte[64 * 1024];
    long done = 0;
    long reported = 0;
    long nextReport = 0;
    events.handle(new Event.Progress(task, 0, total, "bytes"));
    try (OutputStream out = Files.newOutputStream(temporary)) {
      while (true) {
        int n;
        try {
          n = in.read(buffer);
        } catch (IOException e) {
          throw downloadFailure(
              url, subject, "the download was cut off after " + done + " bytes: " + describe(e), e);
        }
        if (n < 0) {
          break;
        }
        out.write(buffer, 0, n);
        digest.update(buffer, 0, n);
        done += n;
        if (done >= nextReport) {
          if (nextReport > 0) {
            events.handle(new Event.Progress(task, done, total, "bytes"));
            reported = done;
          }
          nextReport = nextReport(done, total);
        }
      }
    } catch (IOException e) {
      throw cacheFailure(temporary, e);
    }
    if (total >= 0 && done != total) {
      throw downloadFailure(
          url, subject, "the download was cut off after " + done + " of " + total + " bytes", null);
    }
    if (reported != done) {
      events.handle(new Event.Progress(task, done, total, "bytes"));
    }
    return Sha256.hex(digest);
  }

  private static long nextReport(long done, long total) {
    if (total <= 0) {
      return (done / UNKNOWN_TOTAL_STEP + 1) * UNKNOWN_TOTAL_STEP;
    }
    long step = Math.max(1, total * PERCENT_STEP / 100);
    return (done / step + 1) * step;
  }

  private static ConfigurationException notFound(
      URI url, DownloadSubject subject, Throwable cause) {
    return new ConfigurationException(
        subject.what() + " not found at " + url,
        subject.versionSetting(),
        subject.version(),
        "perhaps you should pick a version that exists there, or set "
            + subject.urlSetting().key()
            + " for a mirror",
        cause);
  }

  private static EnvironmentException downloadFailure(
      URI url, DownloadSubject subject, String why, Throwable cause) {
    return new EnvironmentException(
        "could not download the " + subject.what() + " from " + url + ": " + why,
        subject.urlSetting(),
        url.toString(),
        "perhaps you should check the network, set "
            + subject.urlSetting().key()
            + " to a reachable mirror, or set "
            + subject.localFileSetting().key()
            + " to a local file",
        cause);
  }

  private EnvironmentException cacheFailure(Path file, IOException cause) {
    return new EnvironmentException(
        "could not write the download to " + file + ": " + cause,
        Setting.CACHE_DIRECTORY,
        cacheDirectory.toString(),
        "perhaps you should check the free space and permissions of the cache directory, or set "
            + Setting.CACHE_DIRECTORY.key()
            + " to a writable directory",
        cause);
  }

  /**
   * Names the root cause of a network failure in words.
   *
   * @param failure the failure
   * @return for example {@code unknown host} or {@code connection refused}
   */
  public static String describe(IOException failure) {
    String connect = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return ("unknown host " + (t.getMessage() == null ? "" : t.getMessage())).strip();
      }
      if (t instanceof SocketTimeoutException) {
        return "timed out (" + t.getMessage() + ")";
      }
      if (t instanceof ConnectException && t.getMessage() != null && connect == null) {
        connect = t.getMessage();
      }
    }
    if (connect != null) {
      return "connection failed (" + connect + ")";
    }
    return failure.getMessage() == null ? failure.toString() : failure.getMessage();
  }
}
