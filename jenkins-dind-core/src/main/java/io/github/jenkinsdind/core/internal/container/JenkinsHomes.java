package io.github.jenkinsdind.core.internal.container;

import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import io.github.jenkinsdind.core.internal.daemon.ManagedLabels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The jenkins_home of {@code run}: whether its volume exists already (then it is used as it is),
 * creating a new volume, removing it again when the container could not start, and whether this is
 * Jenkins' first start.
 */
final class JenkinsHomes {
  /** Whether Jenkins starts on a new jenkins_home, as far as can be told before it starts. */
  enum FirstStart {
    /** A new volume, or an empty directory. */
    YES,
    /** An existing volume, or a directory with content. */
    NO,
    /** A directory this machine cannot see (the daemon is elsewhere). */
    UNKNOWN
  }

  private JenkinsHomes() {}

  /**
   * Tells whether jenkins_home is a volume that exists already.
   *
   * @param engine the daemon
   * @param plan the checked request
   * @return whether it is an existing volume ({@code false} for a host directory)
   * @throws EnvironmentException if the daemon fails
   */
  static boolean volumeExists(Engine engine, RunPlan plan) throws EnvironmentException {
    return plan.jenkinsHome() instanceof JenkinsHomeSpec.Volume v
        && engine.volume(v.name()).isPresent();
  }

  /**
   * Tells whether Jenkins starts on a new jenkins_home.
   *
   * @param engine the daemon
   * @param plan the checked request
   * @param volumeExists whether the volume exists already
   * @return a new volume or an empty directory is a first start; a directory is {@link
   *     FirstStart#UNKNOWN} when the daemon is not local or the directory cannot be read
   */
  static FirstStart firstStart(Engine engine, RunPlan plan, boolean volumeExists) {
    if (plan.jenkinsHome() instanceof JenkinsHomeSpec.Volume) {
      return volumeExists ? FirstStart.NO : FirstStart.YES;
    }
    if (engine.socketPath().isEmpty()) {
      return FirstStart.UNKNOWN;
    }
    Path dir = Path.of(plan.jenkinsHome().text());
    if (!Files.isDirectory(dir)) {
      return FirstStart.UNKNOWN;
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.findAny().isEmpty() ? FirstStart.YES : FirstStart.NO;
    } catch (IOException e) {
      return FirstStart.UNKNOWN;
    }
  }

  /**
   * Creates the volume unless it exists, and says which jenkins_home is used.
   *
   * @param engine the daemon
   * @param plan the checked request
   * @param volumeExists whether the volume exists already
   * @param events where progress goes
   * @return whether a volume was created now
   * @throws EnvironmentException if the daemon fails
   */
  static boolean prepare(Engine engine, RunPlan plan, boolean volumeExists, EventHandler events)
      throws EnvironmentException {
    if (!(plan.jenkinsHome() instanceof JenkinsHomeSpec.Volume v)) {
      events.handle(Event.info("jenkins_home: the host directory " + plan.jenkinsHome().text()));
      return false;
    }
    if (volumeExists) {
      events.handle(Event.info("jenkins_home: the existing volume " + v.name()));
      return false;
    }
    engine.run(
        "create volume " + v.name(),
        () ->
            engine
                .client()
                .createVolumeCmd()
                .withName(v.name())
                .withLabels(ManagedLabels.of(ManagedLabels.ROLE_HOME))
                .exec());
    events.handle(Event.info("jenkins_home: created the volume " + v.name()));
    return true;
  }

  /**
   * Removes the volume this run created, when the container could not start: it holds no data.
   *
   * @param engine the daemon
   * @param plan the checked request
   * @param events where the outcome goes
   */
  static void removeNewVolume(Engine engine, RunPlan plan, EventHandler events) {
    String volume = plan.jenkinsHome().text();
    try {
      engine.client().removeVolumeCmd(volume).exec();
      events.handle(Event.debug("Removed the volume " + volume + " created by this failed run"));
    } catch (RuntimeException e) {
      events.handle(Event.debug("Kept the new volume " + volume + ": " + Engine.causeText(e)));
    }
  }
}
