package io.github.jenkinsdind.core.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.Event;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The one line that says where the time of a plugin resolution went. */
class PhaseTimesTest {
  @Test
  void eachPhaseHasTheTimeSinceTheLastAndRepeatedPhasesAddUp() {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    PhaseTimes times = new PhaseTimes(now::get);
    now.addAndGet(120_000_000L);
    times.end("update center");
    now.addAndGet(5_000_000L);
    times.end("files");
    now.addAndGet(1_250_000_000L);
    times.end("files");

    Event summary = times.summary(50);

    assertThat(summary)
        .isEqualTo(
            Event.info("Jenkins plugins ready: 50 in 1.38 s (update center 0.12 s, files 1.26 s)"));
  }
}
