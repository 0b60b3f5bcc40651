package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.DockerClient;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.internal.base.BaseManifest;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import io.github.jenkinsdind.core.internal.jib.StandInLayers;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Loads the image into a Docker daemon. When the daemon has pulled a registry base itself, Jib is
 * first given empty stand-ins for the base's layers ({@link StandInLayers}), so that it downloads
 * none of them and the tar it loads leaves them all out; if that way is unavailable, or the daemon
 * refuses that load, the image is loaded the usual way, leaving out only the layers the daemon is
 * known to hold ({@link DaemonLayers}).
 */
final class DaemonTargetWriter implements TargetWriter {

  /** Makes the clients of the daemon that Jib loads through. */
  @FunctionalInterface
  interface Clients {
    /**
     * Makes a client.
     *
     * @param layersHeld the hex digests of base layers the daemon holds, left out of the tar
     * @param wholeImageOnRefusal whether to load the whole image if the daemon refuses the tar
     * @return the client
     */
    DockerClient client(Set<String> layersHeld, boolean wholeImageOnRefusal);
  }

  /** The daemon's own pull of the base: {@link StartedPull#await}. */
  @FunctionalInterface
  interface Pull {
    /**
     * Waits for the pull.
     *
     * @return the base's diff IDs as the daemon holds them, or empty if it has not pulled it
     * @throws JenkinsDindException if the wait was interrupted
     */
    Optional<List<String>> await() throws JenkinsDindException;
  }

  /**
   * What the daemon may hold of a registry base.
   *
   * @param layers the base's layers, bottom-up
   * @param held the hex digests of those the daemon is known to hold (empty: send them all)
   * @param loaded told the ID of the image loaded, so that the next build knows the daemon holds
   *     the base's layers
   */
  record BaseInDaemon(List<BaseManifest.Layer> layers, Set<String> held, Consumer<String> loaded) {
    /** No registry base: the daemon is sent the whole image, and nothing is remembered. */
    static final BaseInDaemon NONE = new BaseInDaemon(List.of(), Set.of(), imageId -> {});

    /** Checks and copies the parts. */
    BaseInDaemon {
      layers = List.copyOf(layers);
      held = Set.copyOf(held);
      Objects.requireNonNull(loaded, "loaded");
    }
  }

  private final ImageReference target;
  private final ContainerizerSettings settings;
  private final ImageWrite jib;
  private final Clients clients;
  private final Pull pull;
  private final BaseInDaemon base;
  private final CacheLayout layout;
  private final EventHandler events;

  /**
   * Prepares the load.
   *
   * @param target the target image
   * @param settings the shared Jib settings
   * @param jib writes the image
   * @param clients makes the daemon clients
   * @param pull the daemon's own pull of the base
   * @param base what the daemon may hold of the base
   * @param layout the cache directory's layout ({@code tmp} for the stand-ins, {@code jib/base})
   * @param events where messages go
   */
  DaemonTargetWriter(
      ImageReference target,
      ContainerizerSettings settings,
      ImageWrite jib,
      Clients clients,
      Pull pull,
      BaseInDaemon base,
      CacheLayout layout,
      EventHandler events) {
    this.target = Objects.requireNonNull(target, "target");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.jib = Objects.requireNonNull(jib, "jib");
    this.clients = Objects.requireNonNull(clients, "clients");
    this.pull = Objects.requireNonNull(pull, "pull");
    this.base = Objects.requireNonNull(base, "base");
    this.layout = Objects.requireNonNull(layout, "layout");
    this.events = Objects.requireNonNull(events, "events");
  }

  @Override
  public WrittenImage write(JibContainerBuilder builder) throws JenkinsDindException {
    Optional<List<String>> pulled = pull.await();
    Optional<WrittenImage> onPulledBase =
        pulled.isPresent() ? writeOnPulledBase(builder, pulled.get()) : Optional.empty();
    WrittenImage image =
        onPulledBase.isPresent()
            ? onPulledBase.get()
            : jib.write(builder, containerizer(clients.client(base.held(), true)));
    base.loaded().accept(image.imageId());
    return image;
  }

  /**
   * Loads the image with stand-ins for the base's layers.
   *
   * @return the image, or empty if this way is unavailable or the daemon refused the tar (the image
   *     is then loaded the usual way)
   */
  private Optional<WrittenImage> writeOnPulledBase(
      JibContainerBuilder builder, List<String> diffIds) {
    Optional<StandInLayers> standIns;
    try {
      standIns =
          StandInLayers.write(
              layout.tmp(), BaseLayerBlobs.of(base.layers()), diffIds, layout.jibBaseLayers());
    } catch (IOException e) {
      events.handle(Event.debug("Could not write the stand-in base layers: " + e.getMessage()));
      return Optional.empty();
    }
    if (standIns.isEmpty()) {
      events.handle(
          Event.debug(
              "The daemon's layers of the base do not match its manifest; building the usual way"));
      return Optional.empty();
    }
    try (StandInLayers layers = standIns.get()) {
      DockerClient loader = clients.client(DaemonLayers.hexDigests(base.layers()), false);
      return Optional.of(
          jib.write(
              builder,
              settings.apply(
                  Containerizer.to(loader, DockerDaemonImage.named(target)), layers.directory())));
    } catch (JenkinsDindException e) {
      events.handle(
          Event.info(
              "Loading the image without the base's layers failed ("
                  + e.getMessage()
                  + "); building it again with them"));
      return Optional.empty();
    }
  }

  private Containerizer containerizer(DockerClient client) {
    return settings.apply(Containerizer.to(client, DockerDaemonImage.named(target)));
  }
}
