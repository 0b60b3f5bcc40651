package io.github.jenkinsdind.core.internal.engine;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.DockerClient;
import com.google.cloud.tools.jib.api.ImageDetails;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.image.ImageTarball;
import io.github.jenkinsdind.core.api.EnvironmentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Jib's Docker client, on docker-java: images are loaded into and saved from the same daemon, with
 * the same settings ({@code DOCKER_HOST}...), as the {@code run} and {@code check} goals use. No
 * {@code docker} command is needed on the build machine.
 */
public final class JibDockerClient implements DockerClient {
  private static final int PIPE_BUFFER = 1 << 20;

  private final Engine engine;

  /**
   * Wraps a connection to the daemon.
   *
   * @param engine the connection; the caller closes it
   */
  public JibDockerClient(Engine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  @Override
  public boolean supported(Map<String, String> parameters) {
    return true;
  }

  /**
   * Streams Jib's image tarball into {@code docker load}: a writer thread writes it into a pipe that
   * the daemon reads, so the image is never on disk twice.
   */
  @Override
  public String load(ImageTarball imageTarball, Consumer<Long> writtenByteCountListener)
      throws InterruptedException, IOException {
    PipedInputStream fromJib = new PipedInputStream(PIPE_BUFFER);
    PipedOutputStream toDaemon = new PipedOutputStream(fromJib);
    AtomicReference<Throwable> writeFailure = new AtomicReference<>();
    Thread writer =
        new Thread(
            () -> {
              try (OutputStream out = new CountingStream(toDaemon, writtenByteCountListener)) {
                imageTarball.writeTo(out);
              } catch (IOException | RuntimeException e) {
                writeFailure.set(e);
              }
            },
            "jenkins-dind-docker-load");
    writer.setDaemon(true);
    writer.start();
    try (InputStream in = fromJib) {
      engine.run("load the image", () -> engine.client().loadImageCmd(in).exec());
    } catch (EnvironmentException e) {
      throw new IOException(e.getMessage(), e);
    } finally {
      fromJib.close();
      writer.join();
    }
    Throwable failed = writeFailure.get();
    if (failed != null) {
      throw new IOException("Could not write the image for docker load: " + failed, failed);
    }
    return "Loaded image into the Docker daemon at " + engine.dockerHost();
  }

  @Override
  public void save(ImageReference imageReference, Path outputPath, Consumer<Long> writtenBytes)
      throws InterruptedException, IOException {
    InputStream saved;
    try {
      saved =
          engine.call(
              "save " + imageReference,
              () -> engine.client().saveImageCmd(imageReference.toString()).exec());
    } catch (EnvironmentException e) {
      throw new IOException(e.getMessage(), e);
    }
    try (InputStream in = saved;
        OutputStream out = new CountingStream(Files.newOutputStream(outputPath), writtenBytes)) {
      in.transferTo(out);
    }
  }

  @Override
  public ImageDetails inspect(ImageReference imageReference)
      throws IOException, InterruptedException {
    InspectImageResponse image;
    try {
      image =
          engine.call(
              "inspect " + imageReference,
              () -> engine.client().inspectImageCmd(imageReference.toString()).exec());
    } catch (EnvironmentException e) {
      throw new IOException(e.getMessage(), e);
    }
    long size = image.getSize() == null ? 0 : image.getSize();
    String id = image.getId();
    List<String> layers =
        image.getRootFS() == null || image.getRootFS().getLayers() == null
            ? List.of()
            : image.getRootFS().getLayers();
    return new ImageDetails() {
      @Override
      public long getSize() {
        return size;
      }

      @Override
      public DescriptorDigest getImageId() throws DigestException {
        return DescriptorDigest.fromDigest(id);
      }

      @Override
      public List<DescriptorDigest> getDiffIds() throws DigestException {
        List<DescriptorDigest> diffIds = new ArrayList<>();
        for (String layer : layers) {
          diffIds.add(DescriptorDigest.fromDigest(layer));
        }
        return diffIds;
      }
    };
  }

  /** Counts the bytes written, for Jib's progress. */
  private static final class CountingStream extends OutputStream {
    private final OutputStream out;
    private final Consumer<Long> written;

    CountingStream(OutputStream out, Consumer<Long> written) {
      this.out = out;
      this.written = written;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      written.accept(1L);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      written.accept((long) len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
