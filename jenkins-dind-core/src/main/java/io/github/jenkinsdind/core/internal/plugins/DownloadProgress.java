package io.github.jenkinsdind.core.internal.plugins;

import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The progress of parallel plugin downloads, as the user sees it: one progress event per finished
 * plugin (count of total), and a summary with the count, the bytes and the slowest download. The
 * messages of each download are turned into debug messages, so that fifty downloads do not make
 * fifty lines.
 */
final class DownloadProgress {
  static final String TASK = "downloading Jenkins plugins";

  private final int total;
  private final EventHandler events;
  private final Map<String, Long> bytes = new ConcurrentHashMap<>();
  private final long started = System.nanoTime();
  private int done;
  private String slowest;
  private long slowestNanos = -1;

  DownloadProgress(int total, EventHandler events) {
    this.total = total;
    this.events = events;
    events.handle(Event.info("Downloading " + total + " Jenkins plugin(s)"));
    events.handle(new Event.Progress(TASK, 0, total, "plugins"));
  }

  /** Returns the handler of one plugin's download. */
  EventHandler handlerFor(LockedPlugin plugin) {
    return event -> {
      if (event instanceof Event.Progress p) {
        bytes.put(plugin.id(), p.done());
      } else if (event instanceof Event.Log log) {
        events.handle(log.level() == Event.Level.INFO ? Event.debug(log.message()) : log);
      }
    };
  }

  /** Records a finished download. */
  synchronized void done(LockedPlugin plugin, long nanos) {
    done++;
    if (nanos > slowestNanos) {
      slowestNanos = nanos;
      slowest =
          plugin
              + " ("
              + megabytes(bytes.getOrDefault(plugin.id(), 0L))
              + ", "
              + seconds(nanos)
              + ")";
    }
    events.handle(new Event.Progress(TASK, done, total, "plugins"));
    events.handle(Event.debug("Downloaded plugin " + plugin + " in " + seconds(nanos)));
  }

  /** Reports the summary. */
  synchronized void finished() {
    long all = bytes.values().stream().mapToLong(Long::longValue).sum();
    events.handle(
        Event.info(
            "Downloaded "
                + done
                + " Jenkins plugin(s), "
                + megabytes(all)
                + ", in "
                + seconds(System.nanoTime() - started)
                + "; the slowest was "
                + slowest));
  }

  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }
}
