package io.github.jenkinsdind.core.internal.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.ImagePlatform;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformEventsTest {
  private static final ImagePlatform ARM64 = new ImagePlatform("linux", "arm64");

  private final List<Event> received = Collections.synchronizedList(new ArrayList<>());
  private final PlatformEvents events = new PlatformEvents(received::add);

  @Test
  void outsideAPlatformEventsPassUnchanged() {
    events.handle(Event.info("Checking the request"));

    assertThat(received).containsExactly(Event.info("Checking the request"));
  }

  @Test
  void withinAPlatformEventsAndThoseOfTheThreadsItStartsNameIt() throws Exception {
    PlatformEvents.within(
        ARM64,
        () -> {
          events.handle(Event.info("Reading the base"));
          events.handle(new Event.Progress("pulling base image layers", 1, 2, "bytes"));
          Thread thread = new Thread(() -> events.handle(Event.debug("compressed the layer")));
          thread.start();
          try {
            thread.join();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          events.handle(Event.info("Preparing the linux/arm64 image"));
          return null;
        });
    events.handle(Event.info("Wrote the image index"));

    assertThat(received)
        .containsExactly(
            Event.info("linux/arm64: Reading the base"),
            new Event.Progress("linux/arm64: pulling base image layers", 1, 2, "bytes"),
            Event.debug("linux/arm64: compressed the layer"),
            Event.info("Preparing the linux/arm64 image"),
            Event.info("Wrote the image index"));
  }
}
