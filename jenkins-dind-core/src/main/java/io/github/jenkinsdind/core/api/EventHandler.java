package io.github.jenkinsdind.core.api;

/**
 * Receives the {@link Event}s of a build or a container operation. It may be called from several
 * threads at once.
 */
@FunctionalInterface
public interface EventHandler {
  /** A handler that drops every event. */
  EventHandler NONE = event -> {};

  /**
   * Receives one event.
   *
   * @param event the event
   */
  void handle(Event event);
}
