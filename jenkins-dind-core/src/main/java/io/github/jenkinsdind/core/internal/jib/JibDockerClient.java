package io.github.jenkinsdind.core.internal.jib;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.DockerClient;
import com.google.cloud.tools.jib.api.ImageDetails;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.image.ImageTarball;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.internal.daemon.Engine;
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
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Jib's Docker client, on docker-java: images are loaded into and saved from the same daemon, with
 * the same settings ({@code DOCKER_HOST}...), as the {@code run} and {@code check} goals use. No
 * {@code docker} command is needed on the build machine.
 *
 * <p>Layers the daemon is known to hold can be left out of what {@code docker load} receives: the
 * daemon does not read a layer whose chain it already has, so the tar's manifest may name it
 * without carrying it. Should the daemon refuse such a tar, the whole image is loaded again.
 */
public final class JibDockerClient implements DockerClient {
  private static final int PIPE_BUFFER = 1 << 20;
  private static final String LAYER_SUFFIX = ".tar.gz";

  private final Engine engine;
  private final Set<String> layersHeld;
  private final boolean wholeImageOnRefusal;
  private final EventHandler events;

  /**
   * Wraps a connection to the daemon.
   *
   * @param engine the connection; the caller closes it
   * @param layersHeld the hex digests of compressed base layers that the daemon already holds, in
   *     the base's order (those of the base, when an image of this base is in it)
   * @param events where messages go
   */
  public JibDockerClient(Engine engine, Set<String> layersHeld, EventHandler events) {
    this(engine, layersHeld, true, events);
  }

  /**
   * Wraps a connection to the daemon, saying what to do if the daemon refuses a tar without the
   * layers it holds.
   *
   * @param engine the connection; the caller closes it
   * @param layersHeld the hex digests of compressed base layers that the daemon already holds
   * @param wholeImageOnRefusal whether to load the whole image then; false when the layers left out
   *     are stand-ins without content, which must never reach the daemon (the load fails)
   * @param events where messages go
   */
  public JibDockerClient(
      Engine engine, Set<String> layersHeld, boolean wholeImageOnRefusal, EventHandler events) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.layersHeld = Set.copyOf(layersHeld);
    this.wholeImageOnRefusal = wholeImageOnRefusal;
    this.events = Objects.requireNonNull(events, "events");
  }

  @Override
  public boolean supported(Map<String, String> parameters) {
    return true;
  }

  /**
   * Streams Jib's image tarball into {@code docker load}: a writer thread writes it into a pipe
   * that the daemon reads, so the image is never on disk twice.
   */
  @Override
  public String load(ImageTarball imageTarball, Consumer<Long> writtenByteCountListener)
      throws InterruptedException, IOException {
    Set<String> held = layersHeld;
    if (!held.isEmpty()) {
      try {
        load(out -> omitHeldLayers(imageTarball, held, out), writtenByteCountListener);
        events.handle(
            Event.info(
                "The Docker daemon already holds the "
                    + held.size()
                    + " base layers: loaded the image without them"));
        return loaded();
      } catch (IOException e) {
        if (!wholeImageOnRefusal) {
          throw e;
        }
        events.handle(
            Event.debug(
                "Loading without the base layers failed ("
                    + e.getMessage()
                    + "); loading the whole image"));
      }
    }
    load(imageTarball::writeTo, writtenByteCountListener);
    return loaded();
  }

  private String loaded() {
    return "Loaded image into the Docker daemon at " + engine.dockerHost();
  }

  /** Writes a docker-save tar. */
  @FunctionalInterface
  private interface TarWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  private void load(TarWriter tar, Consumer<Long> written)
      throws InterruptedException, IOException {
    PipedInputStream fromJib = new PipedInputStream(PIPE_BUFFER);
    PipedOutputStream toDaemon = new PipedOutputStream(fromJib);
    AtomicReference<Throwable> writeFailure = new AtomicReference<>();
    Thread writer =
        new Thread(
            () -> {
              try (OutputStream out = new CountingStream(toDaemon, written)) {
                tar.writeTo(out);
              } catch (IOException | RuntimeException e) {
                writeFailure.set(e);
              }
            },
            "jenkins-dind-docker-load");
    writer.setDaemon(true);
    writer.start();
    try (InputStream in = fromJib) {
      // the daemon answers 200 and reports a failed load in the body: the async command reads it
      daemonCall(
          "load the image", () -> engine.client().loadImageAsyncCmd(in).start().awaitMessage());
    } finally {
      fromJib.close();
      writer.join();
    }
    Throwable failed = writeFailure.get();
    if (failed != null) {
      throw new IOException("Could not write the image for docker load: " + failed, failed);
    }
  }

  /** Copies Jib's tar, leaving out the entries of the layers the daemon holds. */
  private static void omitHeldLayers(ImageTarball imageTarball, Set<String> held, OutputStream out)
      throws IOException {
    PipedInputStream fromJib = new PipedInputStream(PIPE_BUFFER);
    PipedOutputStream jibOut = new PipedOutputStream(fromJib);
    AtomicReference<Throwable> writeFailure = new AtomicReference<>();
    Thread writer =
        new Thread(
            () -> {
              try (OutputStream jib = jibOut) {
                imageTarball.writeTo(jib);
              } catch (IOException | RuntimeException e) {
                writeFailure.set(e);
              }
            },
            "jenkins-dind-image-tar");
    writer.setDaemon(true);
    writer.start();
    try (TarArchiveInputStream in = new TarArchiveInputStream(fromJib);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        String name = entry.getName();
        if (name.endsWith(LAYER_SUFFIX)
            && held.contains(name.substring(0, name.length() - LAYER_SUFFIX.length()))) {
          continue;
        }
        tar.putArchiveEntry(entry);
        in.transferTo(tar);
        tar.closeArchiveEntry();
      }
      tar.finish();
    } finally {
      fromJib.close();
      try {
        writer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while writing the image", e);
      }
    }
    Throwable failed = writeFailure.get();
    if (failed != null) {
      throw new IOException("Could not write the image: " + failed, failed);
    }
  }

  @Override
  public void save(ImageReference imageReference, Path outputPath, Consumer<Long> writtenBytes)
      throws InterruptedException, IOException {
    InputStream saved =
        daemonCall(
            "save " + imageReference,
            () -> engine.client().saveImageCmd(imageReference.toString()).exec());
    try (InputStream in = saved;
        OutputStream out = new CountingStream(Files.newOutputStream(outputPath), writtenBytes)) {
      in.transferTo(out);
    }
  }

  @Override
  public ImageDetails inspect(ImageReference imageReference)
      throws IOException, InterruptedException {
    InspectImageResponse image =
        daemonCall(
            "inspect " + imageReference,
            () -> engine.client().inspectImageCmd(imageReference.toString()).exec());
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

  /** A call to the daemon, its failure as the {@link IOException} Jib's interface declares. */
  private <T> T daemonCall(String action, Supplier<T> call) throws IOException {
    try {
      return engine.call(action, call);
    } catch (EnvironmentException e) {
      throw new IOException(e.getMessage(), e);
    }
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
