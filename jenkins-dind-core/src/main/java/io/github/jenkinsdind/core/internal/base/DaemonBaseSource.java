package io.github.jenkinsdind.core.internal.base;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DockerClientConfig;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.daemon.DockerEngineClients;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A base image of the local Docker daemon ({@code docker://REF}). {@link #resolve} only inspects
 * the image (its ID is the digest; its platform is checked); the image is {@code docker save}d,
 * streamed to a temporary file, only when a layer is opened, and read from there as a {@link
 * TarBaseSource}. The temporary file is deleted on {@link #close()}.
 */
public final class DaemonBaseSource implements BaseSource {
  private final String reference;
  private final Path tempDirectory;
  private final EventHandler events;
  private final Supplier<DockerClientConfig> configs;

  private DockerClientConfig config;
  private DockerClient client;
  private ImagePlatform platform;
  private BaseManifest resolved;
  private Path savedTar;
  private TarBaseSource saved;
  private BaseManifest savedManifest;
  private List<String> env = List.of();

  /**
   * Makes a source for an image of the daemon that {@code DOCKER_HOST} (or the default socket)
   * points at. Nothing is asked of the daemon until {@link #resolve}.
   *
   * @param reference the image reference or ID, without the {@code docker://} prefix
   * @param tempDirectory where the saved image is written while it is needed; created if missing
   * @param events receives progress messages
   */
  public DaemonBaseSource(String reference, Path tempDirectory, EventHandler events) {
    this(reference, tempDirectory, events, DockerEngineClients::config);
  }

  /**
   * Makes a source for the daemon that given client settings point at.
   *
   * @param reference the image reference or ID
   * @param tempDirectory where the saved image is written
   * @param events receives progress messages
   * @param configs gives the client settings, once, when the daemon is first needed
   */
  DaemonBaseSource(
      String reference,
      Path tempDirectory,
      EventHandler events,
      Supplier<DockerClientConfig> configs) {
    this.reference = Objects.requireNonNull(reference, "reference");
    this.tempDirectory = Objects.requireNonNull(tempDirectory, "tempDirectory");
    this.events = Objects.requireNonNull(events, "events");
    this.configs = Objects.requireNonNull(configs, "configs");
  }

  @Override
  public String describe() {
    return "Docker daemon image " + reference;
  }

  @Override
  public synchronized BaseManifest resolve(ImagePlatform wanted) throws JenkinsDindException {
    InspectImageResponse image;
    try {
      image = client().inspectImageCmd(reference).exec();
    } catch (NotFoundException e) {
      throw new ConfigurationException(
          "the Docker daemon has no image " + reference,
          Setting.FROM,
          from(),
          "perhaps you should docker pull it or build it first",
          e);
    } catch (RuntimeException e) {
      throw daemonFailure("inspect", e);
    }
    String os = image.getOs();
    String architecture = image.getArch();
    ImagePlatform actual =
        os == null || os.isEmpty() || architecture == null || architecture.isEmpty()
            ? wanted
            : new ImagePlatform(os, architecture);
    if (!actual.equals(wanted)) {
      throw new ConfigurationException(
          "the base image " + from() + " is " + actual + ", not " + wanted,
          Setting.FROM,
          from(),
          "perhaps you should set platform to "
              + actual
              + ", or docker pull --platform "
              + wanted
              + " "
              + reference);
    }
    List<BaseManifest.Layer> layers = new ArrayList<>();
    if (image.getRootFS() != null && image.getRootFS().getLayers() != null) {
      for (String diffId : image.getRootFS().getLayers()) {
        layers.add(new BaseManifest.Layer(diffId, -1, null));
      }
    }
    platform = actual;
    env =
        image.getConfig() == null || image.getConfig().getEnv() == null
            ? List.of()
            : List.of(image.getConfig().getEnv());
    resolved = new BaseManifest(image.getId(), actual, layers);
    return resolved;
  }

  @Override
  public synchronized List<String> configEnv(BaseManifest manifest) {
    return env;
  }

  @Override
  public synchronized InputStream openLayer(BaseManifest.Layer layer) throws JenkinsDindException {
    if (resolved == null) {
      throw new IllegalStateException("resolve() first");
    }
    int index = resolved.layers().indexOf(layer);
    if (index < 0) {
      throw new IllegalArgumentException("not a layer of " + reference + ": " + layer);
    }
    if (saved == null) {
      save();
    }
    return saved.openLayer(savedManifest.layers().get(index));
  }

  private void save() throws JenkinsDindException {
    events.handle(Event.info("saving " + describe() + " to read its account files"));
    Path file;
    try {
      Files.createDirectories(tempDirectory);
      file = Files.createTempFile(tempDirectory, "docker-save-", ".tar");
    } catch (IOException e) {
      throw new EnvironmentException(
          "could not create a temporary file in " + tempDirectory + ": " + e.getMessage(),
          Setting.CACHE_DIRECTORY,
          tempDirectory.toString(),
          "perhaps you should check that the directory is writable",
          e);
    }
    savedTar = file;
    try (InputStream in = client().saveImageCmd(resolved.digest()).exec()) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (NotFoundException e) {
      throw new ConfigurationException(
          "the Docker daemon no longer has the image " + reference + " (" + resolved.digest() + ")",
          Setting.FROM,
          from(),
          "perhaps you should run the build again, and not remove the image meanwhile",
          e);
    } catch (IOException e) {
      throw new EnvironmentException(
          "could not save " + describe() + " to " + file + ": " + e.getMessage(),
          Setting.FROM,
          from(),
          "perhaps you should check the free space in " + tempDirectory,
          e);
    } catch (RuntimeException e) {
      throw daemonFailure("save", e);
    }
    TarBaseSource tar = new TarBaseSource(file, null, from(), describe(), events);
    BaseManifest m;
    try {
      m = tar.resolve(platform);
    } catch (JenkinsDindException | RuntimeException e) {
      closeQuietly(tar);
      throw e;
    }
    if (m.layers().size() != resolved.layers().size()) {
      closeQuietly(tar);
      throw new EnvironmentException(
          "docker save of "
              + reference
              + " gave "
              + m.layers().size()
              + " layers, but the image has "
              + resolved.layers().size(),
          Setting.FROM,
          from(),
          "perhaps you should run the build again",
          null);
    }
    saved = tar;
    savedManifest = m;
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      if (saved != null) {
        saved.close();
      }
    } finally {
      saved = null;
      try {
        if (savedTar != null) {
          Files.deleteIfExists(savedTar);
        }
      } finally {
        savedTar = null;
        if (client != null) {
          client.close();
          client = null;
        }
      }
    }
  }

  private DockerClient client() {
    if (client == null) {
      client = DockerEngineClients.create(config());
    }
    return client;
  }

  private DockerClientConfig config() {
    if (config == null) {
      config = configs.get();
    }
    return config;
  }

  private String from() {
    return "docker://" + reference;
  }

  private EnvironmentException daemonFailure(String action, RuntimeException e) {
    if (e instanceof DockerException d) {
      return new EnvironmentException(
          "the Docker daemon failed to "
              + action
              + " the image "
              + reference
              + ": "
              + d.getMessage(),
          Setting.FROM,
          from(),
          "perhaps you should check the daemon's log",
          e);
    }
    String host;
    try {
      host = String.valueOf(config().getDockerHost());
    } catch (RuntimeException unknown) {
      host = "the address that DOCKER_HOST gives";
    }
    return new EnvironmentException(
        "could not reach the Docker daemon at "
            + host
            + " (DOCKER_HOST) to "
            + action
            + " the base image "
            + reference
            + ": "
            + e.getMessage(),
        Setting.FROM,
        from(),
        "perhaps you should start Docker, or set DOCKER_HOST to the daemon's address",
        e);
  }

  private static void closeQuietly(TarBaseSource tar) {
    try {
      tar.close();
    } catch (IOException e) {
      // it was only read
    }
  }
}
