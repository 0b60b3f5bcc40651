package io.github.jenkinsdind.core.internal.container;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads from a container: one small file (through the archive API, no exec), or its log tail. */
public final class ContainerFiles {
  private ContainerFiles() {}

  /**
   * Reads a small text file from a container, running or not.
   *
   * @param engine the daemon
   * @param containerId the container
   * @param path the file's absolute path in the container
   * @return its text, trimmed, if the file exists
   * @throws EnvironmentException if the daemon fails
   */
  public static Optional<String> read(Engine engine, String containerId, String path)
      throws EnvironmentException {
    try (InputStream in = engine.client().copyArchiveFromContainerCmd(containerId, path).exec();
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry entry = tar.getNextEntry();
      if (entry == null || !entry.isFile()) {
        return Optional.empty();
      }
      return Optional.of(new String(tar.readAllBytes(), StandardCharsets.UTF_8).trim());
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw engine.fault(
          "read " + path + " from container " + containerId, new UncheckedIOException(e), null);
    } catch (RuntimeException e) {
      throw engine.fault("read " + path + " from container " + containerId, e, null);
    }
  }

  /**
   * Returns the last lines of a container's log (standard output and error).
   *
   * @param engine the daemon
   * @param containerId the container
   * @param lines how many lines
   * @return the lines, or a note saying why there are none
   */
  public static String logTail(Engine engine, String containerId, int lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      engine
          .client()
          .logContainerCmd(containerId)
          .withStdOut(true)
          .withStdErr(true)
          .withTail(lines)
          .exec(
              new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                  synchronized (out) {
                    out.writeBytes(frame.getPayload());
                  }
                }
              })
          .awaitCompletion(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      return "(its log could not be read: " + Engine.causeText(e) + ")";
    }
    String text;
    synchronized (out) {
      text = out.toString(StandardCharsets.UTF_8);
    }
    Deque<String> last = new ArrayDeque<>();
    for (String line : text.split("\r?\n")) {
      if (!line.isBlank()) {
        last.addLast("  | " + line);
        if (last.size() > lines) {
          last.removeFirst();
        }
      }
    }
    return last.isEmpty() ? "(its log is empty)" : String.join(System.lineSeparator(), last);
  }
}
