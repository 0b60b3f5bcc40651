package io.github.jenkinsdind.core.internal.jib;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;

/**
 * Sums Jib's progress allocations into one percentage of the whole build. Jib's progress events are
 * not part of its API ({@code com.google.cloud.tools.jib.event.events}): {@link #attachTo} is the
 * only way the build hears them.
 */
public final class JibProgress {
  /** The task name of the build's progress events. */
  public static final String TASK = "Building image";

  private final EventHandler events;
  private double done;
  private int lastPercent = -1;

  /**
   * Makes a sum that starts at 0 %.
   *
   * @param events where the percentages go
   */
  public JibProgress(EventHandler events) {
    this.events = events;
  }

  /**
   * Has a containerizer send its progress events here.
   *
   * @param containerizer the containerizer of one image write
   * @return the same containerizer
   */
  public Containerizer attachTo(Containerizer containerizer) {
    return containerizer.addEventHandler(ProgressEvent.class, this::accept);
  }

  /**
   * Takes one of Jib's progress events.
   *
   * @param event the event
   */
  public void accept(ProgressEvent event) {
    long allocationUnits = event.getAllocation().getAllocationUnits();
    if (allocationUnits <= 0) {
      return;
    }
    int percent;
    synchronized (this) {
      done += event.getUnits() * event.getAllocation().getFractionOfRoot() / allocationUnits;
      percent = (int) Math.min(100, Math.round(done * 100));
      if (percent <= lastPercent) {
        return;
      }
      lastPercent = percent;
    }
    events.handle(new Event.Progress(TASK, percent, 100, "percent"));
  }
}
