package io.github.jenkinsdind.core.internal.container;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import java.net.URI;
import java.util.Optional;

/**
 * Jenkins coming up in a started container: waiting until it answers on its web port (or the
 * container stops, or time runs out, each with the container's last log lines), and the initial
 * admin password of a first start.
 */
final class JenkinsStartup {
  /** Where Jenkins writes the first start's admin password. */
  static final String PASSWORD_FILE = JenkinsHomeSpec.TARGET + "/secrets/initialAdminPassword";

  private static final int LOG_LINES = 25;
  private static final long SECOND = 1_000_000_000L;
  private static final long REPORT_EVERY = 10 * SECOND;

  private final Engine engine;
  private final RunPlan plan;
  private final String id;
  private final EventHandler events;

  /**
   * Watches a started container.
   *
   * @param engine the daemon
   * @param plan the checked request
   * @param id the container
   * @param events where progress goes
   */
  JenkinsStartup(Engine engine, RunPlan plan, String id, EventHandler events) {
    this.engine = engine;
    this.plan = plan;
    this.id = id;
    this.events = events;
  }

  /**
   * Waits until Jenkins answers at {@code url}, for {@link RunPlan#waitSeconds()} at most.
   *
   * @param url Jenkins' web address
   * @throws JenkinsDindException if the container stops, Jenkins does not answer in time, the
   *     daemon fails, or the wait is interrupted
   */
  void await(String url) throws JenkinsDindException {
    String name = plan.containerName();
    URI login = URI.create(url + "login");
    Readiness readiness = new Readiness();
    long start = System.nanoTime();
    long deadline = start + plan.waitSeconds() * SECOND;
    long nextReport = start + REPORT_EVERY;
    events.handle(
        Event.info("Waiting up to " + plan.waitSeconds() + " s for Jenkins to answer at " + login));
    try {
      while (!readiness.answers(login)) {
        InspectContainerResponse now =
            engine.call(
                "inspect container " + name, () -> engine.client().inspectContainerCmd(id).exec());
        if (!ContainerStates.running(now)) {
          throw stopped(now);
        }
        long time = System.nanoTime();
        if (time - deadline >= 0) {
          throw timedOut(login);
        }
        if (time - nextReport >= 0) {
          events.handle(
              Event.info("Still waiting for Jenkins (" + (time - start) / SECOND + " s)"));
          nextReport += REPORT_EVERY;
        }
        Thread.sleep(500);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvironmentException(
          "Interrupted while waiting for Jenkins at " + login,
          Setting.WAIT,
          null,
          (String) null,
          e);
    }
  }

  private EnvironmentException timedOut(URI login) {
    String name = plan.containerName();
    return new EnvironmentException(
        "Jenkins did not answer at "
            + login
            + " within "
            + plan.waitSeconds()
            + " s; the container "
            + name
            + " is still running. Its last log lines:"
            + System.lineSeparator()
            + ContainerFiles.logTail(engine, id, LOG_LINES),
        Setting.WAIT,
        Long.toString(plan.waitSeconds()),
        Suggestion.builder()
            .text("wait longer (")
            .set(Setting.WAIT, "600")
            .text("), or follow its log with docker logs -f " + name)
            .build(),
        null);
  }

  /**
   * Makes the error for a container that stopped before Jenkins answered.
   *
   * @param container the daemon's view of it
   * @return the error, with the container's last log lines
   */
  EnvironmentException stopped(InspectContainerResponse container) {
    String name = plan.containerName();
    return new EnvironmentException(
        "The container "
            + name
            + " stopped before Jenkins answered ("
            + ContainerStates.describe(container)
            + "). Its last log lines:"
            + System.lineSeparator()
            + ContainerFiles.logTail(engine, container.getId(), LOG_LINES),
        null,
        null,
        Suggestion.builder()
            .text(
                "read its whole log with docker logs "
                    + name
                    + " (the container is kept for that; ")
            .run(Suggestion.Operation.STOP)
            .text(" removes it)")
            .build(),
        null);
  }

  /**
   * Says where the password will be, when Jenkins is not waited for.
   *
   * @param url Jenkins' web address
   * @param firstStart whether this is a first start
   */
  void notWaiting(String url, JenkinsHomes.FirstStart firstStart) {
    events.handle(Event.info("Not waiting for Jenkins (wait=0); it will answer at " + url));
    if (firstStart == JenkinsHomes.FirstStart.YES) {
      events.handle(
          Event.info(
              "On this first start, Jenkins writes the initial admin password to "
                  + PASSWORD_FILE
                  + " ("
                  + catPassword()
                  + ")"));
    }
  }

  /**
   * Reads the initial admin password of a ready Jenkins, and reports it. On a first start (or one
   * not known not to be), Jenkins may write it a moment after it answers: it is read again for up
   * to three seconds.
   *
   * @param firstStart whether this is a first start
   * @return the password, on a first start; empty otherwise (a password still there on a later
   *     start is only mentioned: Jenkins' setup was not finished)
   * @throws EnvironmentException if the daemon fails
   */
  Optional<String> password(JenkinsHomes.FirstStart firstStart) throws EnvironmentException {
    boolean maybeFirst = firstStart != JenkinsHomes.FirstStart.NO;
    Optional<String> password = ContainerFiles.read(engine, id, PASSWORD_FILE);
    for (int i = 0; i < 6 && password.isEmpty() && maybeFirst; i++) {
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      password = ContainerFiles.read(engine, id, PASSWORD_FILE);
    }
    if (password.isEmpty()) {
      return password;
    }
    if (!maybeFirst) {
      events.handle(
          Event.info(
              "Jenkins' setup is not finished: the initial admin password is still in "
                  + PASSWORD_FILE
                  + " ("
                  + catPassword()
                  + ")"));
      return Optional.empty();
    }
    events.handle(
        Event.info(
            "Initial admin password (first start): "
                + password.get()
                + System.lineSeparator()
                + "  (also in "
                + PASSWORD_FILE
                + " in container "
                + plan.containerName()
                + ")"));
    return password;
  }

  private String catPassword() {
    return "docker exec " + plan.containerName() + " cat " + PASSWORD_FILE;
  }
}
