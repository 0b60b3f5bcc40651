package io.github.jenkinsdind.core.internal.plugins;

import io.github.jenkinsdind.core.api.Event;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The phases of one resolution of Jenkins plugins and their times, for the one line that tells the
 * user where the time went: the update center, waiting for the base's Jenkins version, the
 * resolution itself and the files (checked in the cache, or downloaded). A phase may be recorded
 * more than once; its times add up.
 */
final class PhaseTimes {
  private final LongSupplier clock;
  private final long started;
  private final Map<String, Long> phases = new LinkedHashMap<>();
  private long mark;

  /** Starts the clock now, on {@link System#nanoTime()}. */
  PhaseTimes() {
    this(System::nanoTime);
  }

  /**
   * Starts the clock now.
   *
   * @param clock gives nanoseconds
   */
  PhaseTimes(LongSupplier clock) {
    this.clock = clock;
    this.started = clock.getAsLong();
    this.mark = started;
  }

  /**
   * Ends a phase: the time since the last phase ended (or since the start) is the phase's.
   *
   * @param phase its name, as the user reads it
   */
  void end(String phase) {
    long now = clock.getAsLong();
    phases.merge(phase, now - mark, Long::sum);
    mark = now;
  }

  /**
   * The summary event.
   *
   * @param count how many plugins the build installs
   * @return an info event: {@code Jenkins plugins ready: 50 in 1.3 s (update center 0.1 s, ...)}
   */
  Event summary(int count) {
    StringBuilder text =
        new StringBuilder("Jenkins plugins ready: ")
            .append(count)
            .append(" in ")
            .append(seconds(mark - started))
            .append(" (");
    String separator = "";
    for (Map.Entry<String, Long> phase : phases.entrySet()) {
      text.append(separator).append(phase.getKey()).append(' ').append(seconds(phase.getValue()));
      separator = ", ";
    }
    return Event.info(text.append(')').toString());
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }
}
