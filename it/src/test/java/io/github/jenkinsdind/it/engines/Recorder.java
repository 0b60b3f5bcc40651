package io.github.jenkinsdind.it.engines;

import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Records the core's messages, and prints them for the test's log. */
final class Recorder implements EventHandler {
  private final List<String> messages = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void handle(Event event) {
    if (event instanceof Event.Log log) {
      messages.add(log.message());
      System.out.println("[" + log.level() + "] " + log.message());
    }
  }

  List<String> messages() {
    synchronized (messages) {
      return List.copyOf(messages);
    }
  }
}
