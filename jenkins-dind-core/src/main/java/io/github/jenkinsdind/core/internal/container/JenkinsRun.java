package io.github.jenkinsdind.core.internal.container;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.PublishedPort;
import io.github.jenkinsdind.core.api.RunRequest;
import io.github.jenkinsdind.core.api.RunResult;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.daemon.DaemonKind;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code run} operation: starts a Jenkins container as a {@link RunPlan} says. It wires the
 * steps: the image must be in the daemon ({@link ImageInDaemon}), the name and jenkins_home must be
 * free or replaceable ({@link NameConflicts}), the socket's GID is learned ({@link SocketGroup}),
 * the daemon must publish ports ({@link DaemonNetwork}), the container's spec is mapped ({@link
 * ContainerSpec}), jenkins_home is prepared ({@link JenkinsHomes}), the container is created and
 * started ({@link ContainerLaunch}), its web address is read from the daemon's answer ({@link
 * PublishedUrl}), and Jenkins is waited for ({@link JenkinsStartup}).
 */
public final class JenkinsRun {
  private JenkinsRun() {}

  /**
   * Runs Jenkins.
   *
   * @param engine the daemon
   * @param requested the checked request; its default socket becomes the daemon host's own ({@link
   *     DaemonSocket#toMount})
   * @param events where progress goes
   * @return what was started
   * @throws JenkinsDindException on bad input or a daemon fault; a container or volume this call
   *     made before failing is removed again, nothing else is touched
   */
  public static RunResult run(Engine engine, RunPlan requested, EventHandler events)
      throws JenkinsDindException {
    DaemonKind kind = DaemonKind.of(engine);
    RunPlan plan =
        requested.withDockerSocket(
            DaemonSocket.toMount(requested.dockerSocket(), engine.endpoint(), kind));
    events.handle(
        Event.info(
            DaemonAdvice.runOn(
                kind,
                engine.dockerHost().toString(),
                plan.dockerSocket(),
                requested.dockerSocket().equals(RunRequest.DEFAULT_DOCKER_SOCKET))));
    String name = plan.containerName();
    ImageInDaemon.require(engine, plan.image());
    DaemonNetwork.requirePublishing(engine, kind, plan);
    Optional<InspectContainerResponse> existing = NameConflicts.replaceable(engine, plan);
    NameConflicts.checkHomeNotInUse(engine, plan, existing.map(InspectContainerResponse::getId));
    boolean volumeExists = JenkinsHomes.volumeExists(engine, plan);
    JenkinsHomes.FirstStart firstStart = JenkinsHomes.firstStart(engine, plan, volumeExists);
    ContainerSpec spec = ContainerSpec.of(plan, SocketGroup.learn(engine, plan, events));
    String rootGroup = DaemonAdvice.passNote(kind, spec.groupAdd());
    if (!rootGroup.isEmpty()) {
      events.handle(Event.warn("groupAdd:" + rootGroup));
    }
    events.handle(
        Event.warn(
            "Security: container "
                + name
                + " gets the Docker socket "
                + plan.dockerSocket()
                + ". Access to the Docker socket is root on the Docker host: whoever controls"
                + " this Jenkins (its administrators, jobs, pipelines and plugins) controls"
                + " the host."));

    if (existing.isPresent()) {
      NameConflicts.replace(engine, plan, existing.get(), events);
    }
    boolean createdVolume = JenkinsHomes.prepare(engine, plan, volumeExists, events);
    String id;
    try {
      id = ContainerLaunch.create(engine, plan, spec);
      ContainerLaunch.start(engine, plan, id, events);
    } catch (JenkinsDindException | RuntimeException e) {
      if (createdVolume) {
        JenkinsHomes.removeNewVolume(engine, plan, events);
      }
      throw e;
    }

    JenkinsStartup startup = new JenkinsStartup(engine, plan, id, events);
    InspectContainerResponse started =
        engine.call(
            "inspect container " + name, () -> engine.client().inspectContainerCmd(id).exec());
    if (!ContainerStates.running(started)) {
      throw startup.stopped(started);
    }
    List<PublishedPort> published = PublishedUrl.published(started);
    Optional<String> reachable = PublishedUrl.url(published, engine.publishedHost());
    if (reachable.isEmpty()) {
      ContainerRemoval.stopAndRemove(engine, id, name);
      if (createdVolume) {
        JenkinsHomes.removeNewVolume(engine, plan, events);
      }
      throw webPortNotPublished(name, kind);
    }
    String url = reachable.get();
    events.handle(
        Event.info(
            "Started container "
                + name
                + " ("
                + ContainerStates.shortId(id)
                + ") from "
                + plan.image()
                + " on "
                + kind.kind().text()
                + ": "
                + published.stream()
                    .map(PublishedPort::toString)
                    .collect(Collectors.joining(", "))));

    boolean ready = plan.waitSeconds() > 0;
    Optional<String> password = Optional.empty();
    if (ready) {
      startup.await(url);
      events.handle(Event.info("Jenkins is ready at " + url));
      password = startup.password(firstStart);
    } else {
      startup.notWaiting(url, firstStart);
    }
    boolean first =
        firstStart == JenkinsHomes.FirstStart.UNKNOWN
            ? password.isPresent()
            : firstStart == JenkinsHomes.FirstStart.YES;
    return new RunResult(
        id,
        name,
        plan.image(),
        url,
        published,
        plan.jenkinsHome().text(),
        first,
        ready,
        password,
        spec.groupAdd());
  }

  private static EnvironmentException webPortNotPublished(String name, DaemonKind kind) {
    return new EnvironmentException(
        "The daemon, "
            + kind.describe()
            + ", did not publish port "
            + PortSpec.JENKINS_WEB_PORT
            + " of container "
            + name
            + ", so Jenkins could not be reached; the container was removed again",
        Setting.PORTS,
        null,
        "look at the daemon's networks (docker network ls) and at its log: the container must be"
            + " on a network whose ports the daemon publishes",
        null);
  }
}
