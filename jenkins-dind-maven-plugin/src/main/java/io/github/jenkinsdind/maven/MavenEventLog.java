package io.github.jenkinsdind.maven;

import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.plugin.logging.Log;

/**
 * Logs the core's events through Maven's log. Progress is shown as plain lines, at most one per
 * task for each quarter done, so that it stays readable in a CI log.
 */
public final class MavenEventLog implements EventHandler {
  private final Log log;
  private final Map<String, Integer> shownQuarter = new ConcurrentHashMap<>();

  /**
   * Creates the handler.
   *
   * @param log the goal's log
   */
  public MavenEventLog(Log log) {
    this.log = log;
  }

  @Override
  public void handle(Event event) {
    if (event instanceof Event.Log message) {
      switch (message.level()) {
        case DEBUG -> log.debug(message.message());
        case INFO -> log.info(message.message());
        case WARN -> log.warn(message.message());
      }
    } else if (event instanceof Event.Progress progress) {
      progress(progress);
    }
  }

  private void progress(Event.Progress progress) {
    if (progress.total() <= 0) {
      log.debug(progress.task() + ": " + amount(progress.done(), progress.unit()));
      return;
    }
    int quarter = (int) Math.min(4, progress.done() * 4 / progress.total());
    Integer previous = shownQuarter.put(progress.task(), quarter);
    if ((previous == null || previous < quarter) && "percent".equals(progress.unit())) {
      log.info(progress.task() + ": " + quarter * 25 + "%");
    } else if (previous == null || previous < quarter) {
      log.info(
          String.format(
              Locale.ROOT,
              "%s: %d%% (%s of %s)",
              progress.task(),
              quarter * 25,
              amount(progress.done(), progress.unit()),
              amount(progress.total(), progress.unit())));
    }
    if (quarter == 4) {
      shownQuarter.remove(progress.task());
    }
  }

  private static String amount(long value, String unit) {
    if (!"bytes".equals(unit)) {
      return value + " " + unit;
    }
    if (value >= 1 << 20) {
      return String.format(Locale.ROOT, "%.1f MB", value / 1048576.0);
    }
    if (value >= 1 << 10) {
      return String.format(Locale.ROOT, "%.1f kB", value / 1024.0);
    }
    return value + " B";
  }
}
