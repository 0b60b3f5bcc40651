package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.LogEvent;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import io.github.jenkinsdind.core.internal.jib.JibProgress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The Jib settings every target shares: additional tags, insecure registries, offline mode, the
 * caches, the tool name, and Jib's log and progress turned into the build's events.
 */
final class ContainerizerSettings {
  private final BuildRequest request;
  private final CacheLayout layout;
  private final EventHandler events;

  /**
   * Takes the settings of a build.
   *
   * @param request the request
   * @param layout the cache directory's layout
   * @param events where Jib's log and progress go
   */
  ContainerizerSettings(BuildRequest request, CacheLayout layout, EventHandler events) {
    this.request = Objects.requireNonNull(request, "request");
    this.layout = Objects.requireNonNull(layout, "layout");
    this.events = Objects.requireNonNull(events, "events");
  }

  /**
   * Applies the settings, with Jib's real base-layer cache.
   *
   * @param containerizer the target's containerizer
   * @return the same containerizer
   */
  Containerizer apply(Containerizer containerizer) {
    return apply(containerizer, layout.jibBaseLayers());
  }

  /**
   * Applies the settings.
   *
   * @param containerizer the target's containerizer
   * @param baseLayersCache the base-layer cache to give Jib
   * @return the same containerizer
   */
  Containerizer apply(Containerizer containerizer, Path baseLayersCache) {
    request.target().additionalTags().forEach(containerizer::withAdditionalTag);
    return applyUntagged(containerizer, baseLayersCache);
  }

  /**
   * Applies the settings but the additional tags: one platform of a multi-platform image, whose
   * tags go to the index.
   *
   * @param containerizer the target's containerizer
   * @return the same containerizer
   */
  Containerizer applyUntagged(Containerizer containerizer) {
    return applyUntagged(containerizer, layout.jibBaseLayers());
  }

  private Containerizer applyUntagged(Containerizer containerizer, Path baseLayersCache) {
    containerizer
        .setAllowInsecureRegistries(request.allowInsecureRegistries())
        .setOfflineMode(request.offline())
        .setBaseImageLayersCache(baseLayersCache)
        .setApplicationLayersCache(layout.jibApplicationLayers())
        .setToolName("jenkins-dind")
        .addEventHandler(LogEvent.class, this::jibLog);
    new JibProgress(events).attachTo(containerizer);
    return containerizer;
  }

  private void jibLog(LogEvent event) {
    if (request.allowInsecureRegistries() && isInsecureFailover(event.getMessage())) {
      // the user allowed it: Jib's "cannot verify server ..., attempting again" is expected here
      events.handle(Event.debug(event.getMessage()));
      return;
    }
    switch (event.getLevel()) {
      case ERROR, WARN -> events.handle(Event.warn(event.getMessage()));
      case LIFECYCLE -> events.handle(Event.info(event.getMessage()));
      default -> events.handle(Event.debug(event.getMessage()));
    }
  }

  private static boolean isInsecureFailover(String message) {
    return message.startsWith("Cannot verify server at ")
        || message.startsWith("Failed to connect to ")
            && message.contains("over HTTPS. Attempting again with HTTP");
  }
}
