package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import java.util.Objects;

/**
 * What every step of one build shares: the request, where events go, and the cache's layout.
 *
 * @param request the request
 * @param events where progress and messages go
 * @param layout the layout of the request's cache directory
 */
record BuildContext(BuildRequest request, EventHandler events, CacheLayout layout) {
  /** Checks the parts. */
  BuildContext {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(layout, "layout");
  }

  /**
   * The context of a request.
   *
   * @param request the request
   * @param events where progress and messages go
   * @return the context, with the layout of the request's cache directory
   */
  static BuildContext of(BuildRequest request, EventHandler events) {
    return new BuildContext(request, events, new CacheLayout(request.cacheDirectory()));
  }
}
