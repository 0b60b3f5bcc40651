package io.github.jenkinsdind.core.internal.daemon;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import io.github.jenkinsdind.core.api.EnvironmentException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a directory of an image that the daemon holds, as the image's root file system shows it
 * (layers merged, whiteouts applied): a container of the image is created, never started, and the
 * daemon's archive of the directory is streamed out of it ({@code GET /containers/{id}/archive}),
 * as {@code docker cp} does. Closing the stream removes the container and the anonymous volumes its
 * image declares.
 */
public final class ImageDirectory {
  /** The container is never started: its entrypoint only has to be there for the daemon. */
  private static final List<String> NEVER_RUN = List.of("/jenkins-dind-never-started");

  private ImageDirectory() {}

  /**
   * Opens the archive of a directory of an image.
   *
   * @param engine the daemon
   * @param image the image, for example {@code registry/jenkins@sha256:...}
   * @param directory the absolute directory, for example {@code /etc}
   * @return a tar stream whose entries are named {@code etc/...} (the directory's name, then its
   *     content); close it to remove the container
   * @throws EnvironmentException if the daemon cannot create the container or archive the directory
   *     (the container is removed then)
   */
  public static InputStream archive(Engine engine, String image, String directory)
      throws EnvironmentException {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(directory, "directory");
    String name = "jenkins-dind-read-" + UUID.randomUUID().toString().substring(0, 12);
    String id;
    try {
      id =
          ThrowawayContainer.create(
              engine, image, name, NEVER_RUN, HostConfig.newHostConfig().withNetworkMode("none"));
    } catch (RuntimeException e) {
      throw engine.fault("create a container of " + image + " to read " + directory, e, null);
    }
    try {
      InputStream tar =
          engine.call(
              "read " + directory + " of " + image,
              () -> engine.client().copyArchiveFromContainerCmd(id, directory).exec());
      return new RemovingStream(tar, () -> remove(engine, id));
    } catch (EnvironmentException | RuntimeException e) {
      remove(engine, id);
      throw e;
    }
  }

  private static void remove(Engine engine, String id) {
    try {
      engine.client().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      // already gone
    } catch (RuntimeException e) {
      // best effort: the container was never started, and its label marks it as jenkins-dind's
    }
  }

  /** A stream that runs an action once, after it is closed. */
  private static final class RemovingStream extends FilterInputStream {
    private final Runnable afterClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    RemovingStream(InputStream in, Runnable afterClose) {
      super(in);
      this.afterClose = afterClose;
    }

    @Override
    public void close() throws IOException {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      try {
        super.close();
      } finally {
        afterClose.run();
      }
    }
  }
}
