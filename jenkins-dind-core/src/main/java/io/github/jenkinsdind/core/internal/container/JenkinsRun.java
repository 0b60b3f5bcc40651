package io.github.jenkinsdind.core.internal.container;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerMount;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.PublishedPort;
import io.github.jenkinsdind.core.api.RunResult;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.daemon.DaemonFault;
import io.github.jenkinsdind.core.internal.daemon.DaemonMessages;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import io.github.jenkinsdind.core.internal.daemon.ManagedLabels;
import io.github.jenkinsdind.core.internal.daemon.ThrowawayContainer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The {@code run} operation: starts a Jenkins container as a {@link RunPlan} says. */
public final class JenkinsRun {
  /** Where Jenkins writes the first start's admin password. */
  public static final String PASSWORD_FILE =
      JenkinsHomeSpec.TARGET + "/secrets/initialAdminPassword";

  private static final int LOG_LINES = 25;
  private static final long STOP_SECONDS = 10;

  private final Engine engine;
  private final RunPlan plan;
  private final EventHandler events;

  private JenkinsRun(Engine engine, RunPlan plan, EventHandler events) {
    this.engine = engine;
    this.plan = plan;
    this.events = events;
  }

  /**
   * Runs Jenkins.
   *
   * @param engine the daemon
   * @param plan the checked request
   * @param events where progress goes
   * @return what was started
   * @throws JenkinsDindException on bad input or a daemon fault; a container or volume this call
   *     made before failing is removed again, nothing else is touched
   */
  public static RunResult run(Engine engine, RunPlan plan, EventHandler events)
      throws JenkinsDindException {
    return new JenkinsRun(engine, plan, events).run();
  }

  private RunResult run() throws JenkinsDindException {
    String name = plan.containerName();
    if (engine.image(plan.image()).isEmpty()) {
      throw new ConfigurationException(
          "The image " + plan.image() + " is not in the Docker daemon at " + engine.dockerHost(),
          Setting.IMAGE,
          plan.image(),
          "build it into this daemon first: mvn jenkins-dind:build (its default target,"
              + " docker, loads it there); or docker pull "
              + plan.image()
              + " if it is in a registry");
    }
    Optional<InspectContainerResponse> existing = engine.container(name);
    if (existing.isPresent()) {
      refuseUnlessReplaceable(existing.get());
    }
    String replacedId = existing.map(InspectContainerResponse::getId).orElse(null);
    checkHomeNotInUse(replacedId);
    boolean volumeExists =
        plan.jenkinsHome() instanceof JenkinsHomeSpec.Volume v
            && engine.volume(v.name()).isPresent();
    Boolean firstStart = firstStart(volumeExists);

    List<Long> groups = groups();
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
      remove(existing.get());
    }
    boolean createdVolume = false;
    if (plan.jenkinsHome() instanceof JenkinsHomeSpec.Volume v) {
      if (volumeExists) {
        events.handle(Event.info("jenkins_home: the existing volume " + v.name()));
      } else {
        engine.run(
            "create volume " + v.name(),
            () ->
                engine
                    .client()
                    .createVolumeCmd()
                    .withName(v.name())
                    .withLabels(ManagedLabels.of(ManagedLabels.ROLE_HOME))
                    .exec());
        createdVolume = true;
        events.handle(Event.info("jenkins_home: created the volume " + v.name()));
      }
    } else {
      events.handle(Event.info("jenkins_home: the host directory " + plan.jenkinsHome().text()));
    }

    String id;
    try {
      id = create(groups);
      start(id);
    } catch (JenkinsDindException | RuntimeException e) {
      if (createdVolume) {
        removeNewVolume();
      }
      throw e;
    }

    InspectContainerResponse started =
        engine.call(
            "inspect container " + name, () -> engine.client().inspectContainerCmd(id).exec());
    if (!running(started)) {
      throw stopped(started);
    }
    List<PublishedPort> published = published(started);
    String url = url(published);
    events.handle(
        Event.info(
            "Started container "
                + name
                + " ("
                + id.substring(0, 12)
                + ") from "
                + plan.image()
                + ": "
                + published.stream()
                    .map(PublishedPort::toString)
                    .collect(Collectors.joining(", "))));

    boolean ready = false;
    Optional<String> password = Optional.empty();
    if (plan.waitSeconds() == 0) {
      events.handle(Event.info("Not waiting for Jenkins (wait=0); it will answer at " + url));
      if (Boolean.TRUE.equals(firstStart)) {
        events.handle(
            Event.info(
                "On this first start, Jenkins writes the initial admin password to "
                    + PASSWORD_FILE
                    + " (docker exec "
                    + name
                    + " cat "
                    + PASSWORD_FILE
                    + ")"));
      }
    } else {
      awaitJenkins(id, url);
      ready = true;
      events.handle(Event.info("Jenkins is ready at " + url));
      password = password(id, firstStart);
      if (firstStart == null) {
        firstStart = password.isPresent();
      }
    }
    return new RunResult(
        id,
        name,
        plan.image(),
        url,
        published,
        plan.jenkinsHome().text(),
        Boolean.TRUE.equals(firstStart),
        ready,
        password,
        groups);
  }

  private void refuseUnlessReplaceable(InspectContainerResponse container)
      throws ConfigurationException {
    String name = plan.containerName();
    Map<String, String> labels =
        container.getConfig() == null ? null : container.getConfig().getLabels();
    if (!ManagedLabels.isManaged(labels)) {
      throw new ConfigurationException(
          "The container name "
              + name
              + " is taken by a container that jenkins-dind did not"
              + " make ("
              + shortId(container.getId())
              + ", image "
              + (container.getConfig() == null ? "?" : container.getConfig().getImage())
              + "); it is left alone",
          Setting.CONTAINER_NAME,
          name,
          "choose another containerName, or remove that container yourself (docker rm -f "
              + name
              + ") if you are sure it is not needed");
    }
    if (!plan.replace()) {
      throw new ConfigurationException(
          "A container named "
              + name
              + " made by jenkins-dind already exists ("
              + state(container)
              + ")",
          Setting.REPLACE,
          "false",
          "set replace=true (-Djenkins-dind.replace=true) to replace it (its jenkins_home is"
              + " kept), or stop it first with jenkins-dind:stop");
    }
  }

  private void checkHomeNotInUse(String replacedId)
      throws EnvironmentException, ConfigurationException {
    JenkinsHomeSpec home = plan.jenkinsHome();
    List<Container> running =
        engine.call("list containers", () -> engine.client().listContainersCmd().exec());
    for (Container c : running) {
      if (c.getId().equals(replacedId) || c.getMounts() == null) {
        continue;
      }
      for (ContainerMount m : c.getMounts()) {
        boolean same =
            home instanceof JenkinsHomeSpec.Volume v
                ? v.name().equals(m.getName())
                : home.text().equals(m.getSource())
                    && (m.getName() == null || m.getName().isEmpty());
        if (same) {
          String other =
              c.getNames() != null && c.getNames().length > 0
                  ? c.getNames()[0].replaceFirst("^/", "")
                  : shortId(c.getId());
          throw new ConfigurationException(
              "jenkinsHome "
                  + home.text()
                  + " is in use by the running container "
                  + other
                  + "; two Jenkins must not share one home",
              Setting.JENKINS_HOME,
              home.text(),
              "give this container its own jenkinsHome (the default is <containerName>_home),"
                  + " or stop "
                  + other
                  + " first");
        }
      }
    }
  }

  /** True, false, or null when it cannot be told before Jenkins starts. */
  private Boolean firstStart(boolean volumeExists) {
    if (plan.jenkinsHome() instanceof JenkinsHomeSpec.Volume) {
      return !volumeExists;
    }
    if (engine.socketPath().isEmpty()) {
      return null;
    }
    Path dir = Path.of(plan.jenkinsHome().text());
    if (!Files.isDirectory(dir)) {
      return null;
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.findAny().isEmpty();
    } catch (IOException e) {
      return null;
    }
  }

  private List<Long> groups() throws JenkinsDindException {
    GroupAddPolicy policy = plan.groupAdd();
    if (!(policy instanceof GroupAddPolicy.Auto)) {
      List<Long> groups = policy.groups(-1);
      events.handle(
          Event.info(
              groups.isEmpty()
                  ? "groupAdd=none: the container's user keeps only the image's groups"
                  : "groupAdd="
                      + policy.text()
                      + ": the container's user gets the supplementary"
                      + " group "
                      + groups.get(0)));
      return groups;
    }
    ImageFacts facts = ImageProbe.probe(engine, plan.image(), plan.dockerSocket());
    long gid =
        facts
            .socketGid()
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        "The Docker socket "
                            + plan.dockerSocket()
                            + " could not be seen in a container of "
                            + plan.image(),
                        Setting.DOCKER_SOCKET,
                        plan.dockerSocket(),
                        "give the daemon's socket as the Docker host has it, such as"
                            + " /var/run/docker.sock, or a GID as groupAdd"));
    events.handle(
        Event.info(
            "groupAdd=auto: the Docker socket "
                + plan.dockerSocket()
                + " has GID "
                + gid
                + " on the Docker host; the image's user "
                + facts.describeUser()
                + ", in groups "
                + facts.groups().stream().map(String::valueOf).collect(Collectors.joining(" "))
                + ", gets it as a supplementary group"));
    return List.of(gid);
  }

  private void remove(InspectContainerResponse container) throws EnvironmentException {
    String name = plan.containerName();
    events.handle(
        Event.info(
            "Replacing container "
                + name
                + " ("
                + shortId(container.getId())
                + ", made by jenkins-dind): stopping and removing it; its jenkins_home is kept"));
    stopAndRemove(engine, container.getId(), name);
  }

  /**
   * Stops and removes a container, keeping every volume.
   *
   * @param engine the daemon
   * @param id the container
   * @param name its name, for messages
   * @throws EnvironmentException if the daemon fails
   */
  static void stopAndRemove(Engine engine, String id, String name) throws EnvironmentException {
    try {
      engine.client().stopContainerCmd(id).withTimeout((int) STOP_SECONDS).exec();
    } catch (NotModifiedException | NotFoundException e) {
      // already stopped, or gone
    } catch (RuntimeException e) {
      throw engine.fault("stop container " + name, e, null);
    }
    try {
      engine.client().removeContainerCmd(id).withRemoveVolumes(false).withForce(true).exec();
    } catch (NotFoundException e) {
      // gone already
    } catch (RuntimeException e) {
      throw engine.fault("remove container " + name, e, null);
    }
  }

  private String create(List<Long> groups) throws JenkinsDindException {
    String name = plan.containerName();
    Ports bindings = new Ports();
    List<ExposedPort> exposed = new ArrayList<>();
    for (PortSpec p : plan.ports()) {
      ExposedPort port = new ExposedPort(p.containerPort(), InternetProtocol.parse(p.protocol()));
      if (!exposed.contains(port)) {
        exposed.add(port);
      }
      bindings.bind(
          port,
          new Ports.Binding(
              p.hostIp().isEmpty() ? null : p.hostIp(),
              p.hostPort() == 0 ? null : Integer.toString(p.hostPort())));
    }
    Mount home =
        plan.jenkinsHome() instanceof JenkinsHomeSpec.Volume v
            ? new Mount()
                .withType(MountType.VOLUME)
                .withSource(v.name())
                .withTarget(JenkinsHomeSpec.TARGET)
            : new Mount()
                .withType(MountType.BIND)
                .withSource(plan.jenkinsHome().text())
                .withTarget(JenkinsHomeSpec.TARGET);
    Mount socket =
        new Mount()
            .withType(MountType.BIND)
            .withSource(plan.dockerSocket())
            .withTarget(plan.dockerSocket());
    HostConfig host =
        HostConfig.newHostConfig()
            .withPortBindings(bindings)
            .withMounts(List.of(home, socket))
            .withGroupAdd(groups.stream().map(String::valueOf).toList())
            .withRestartPolicy(restartPolicy());
    try (CreateContainerCmd create = engine.client().createContainerCmd(plan.image())) {
      return create
          .withName(name)
          .withLabels(ManagedLabels.of(ManagedLabels.ROLE_JENKINS))
          .withEnv(
              plan.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
          .withExposedPorts(exposed)
          .withHostConfig(host)
          .exec()
          .getId();
    } catch (DockerException e) {
      String text = Engine.causeText(e);
      if (DaemonMessages.isMissingBindSource(text, plan.dockerSocket())) {
        throw ThrowawayContainer.missingSocket(engine, plan.dockerSocket(), DaemonFault.of(e));
      }
      if (DaemonMessages.isMissingBindSource(text, plan.jenkinsHome().text())) {
        throw new ConfigurationException(
            "jenkinsHome "
                + plan.jenkinsHome().text()
                + " does not exist on the Docker host ("
                + engine.dockerHost()
                + ")",
            Setting.JENKINS_HOME,
            plan.jenkinsHome().text(),
            "create it, owned by the image's user (uid 1000 in Jenkins images): mkdir -p "
                + plan.jenkinsHome().text()
                + " && chown 1000:1000 "
                + plan.jenkinsHome().text()
                + "; or use a named volume such as jenkins_home",
            DaemonFault.of(e));
      }
      throw engine.fault("create container " + name, e, null);
    } catch (RuntimeException e) {
      throw engine.fault("create container " + name, e, null);
    }
  }

  private RestartPolicy restartPolicy() {
    RestartPolicySpec spec = plan.restartPolicy();
    return switch (spec.name()) {
      case "no" -> RestartPolicy.noRestart();
      case "always" -> RestartPolicy.alwaysRestart();
      case "on-failure" -> RestartPolicy.onFailureRestart(spec.maximumRetryCount());
      default -> RestartPolicy.unlessStoppedRestart();
    };
  }

  private void start(String id) throws JenkinsDindException {
    String name = plan.containerName();
    try {
      engine.client().startContainerCmd(id).exec();
    } catch (RuntimeException e) {
      removeQuietly(id);
      String text = Engine.causeText(e);
      if (DaemonMessages.isPortInUse(text)) {
        OptionalInt port = DaemonMessages.portInUse(text);
        String spec =
            plan.ports().stream()
                .filter(p -> port.isPresent() && p.hostPort() == port.getAsInt())
                .map(PortSpec::spec)
                .findFirst()
                .orElse(plan.ports().stream().map(PortSpec::spec).collect(Collectors.joining(",")));
        throw new ConfigurationException(
            "Host port "
                + (port.isPresent() ? port.getAsInt() + " " : "")
                + "is already in use"
                + " on the Docker host ("
                + engine.dockerHost()
                + "): "
                + text,
            Setting.PORTS,
            spec,
            "choose a free host port (for example 8081:8080), or 0 to let Docker pick one"
                + " (-Djenkins-dind.ports=0:8080,0:50000)",
            DaemonFault.of(e));
      }
      throw engine.fault("start container " + name, e, null);
    }
  }

  private void removeQuietly(String id) {
    try {
      engine.client().removeContainerCmd(id).withRemoveVolumes(false).withForce(true).exec();
    } catch (RuntimeException e) {
      events.handle(
          Event.warn(
              "Could not remove the container "
                  + plan.containerName()
                  + " that failed to start: "
                  + Engine.causeText(e)));
    }
  }

  /** Removes the volume this call created, when the container could not start: it holds no data. */
  private void removeNewVolume() {
    String volume = plan.jenkinsHome().text();
    try {
      engine.client().removeVolumeCmd(volume).exec();
      events.handle(Event.debug("Removed the volume " + volume + " created by this failed run"));
    } catch (RuntimeException e) {
      events.handle(Event.debug("Kept the new volume " + volume + ": " + Engine.causeText(e)));
    }
  }

  private static List<PublishedPort> published(InspectContainerResponse container) {
    List<PublishedPort> list = new ArrayList<>();
    if (container.getNetworkSettings() == null
        || container.getNetworkSettings().getPorts() == null) {
      return list;
    }
    for (Map.Entry<ExposedPort, Ports.Binding[]> e :
        container.getNetworkSettings().getPorts().getBindings().entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      for (Ports.Binding b : e.getValue()) {
        String hostPort = b.getHostPortSpec();
        if (hostPort == null || !hostPort.matches("\\d+")) {
          continue;
        }
        list.add(
            new PublishedPort(
                Objects.requireNonNullElse(b.getHostIp(), ""),
                Integer.parseInt(hostPort),
                e.getKey().getPort(),
                e.getKey().getProtocol().toString()));
      }
    }
    list.sort(
        Comparator.comparingInt(PublishedPort::containerPort)
            .thenComparing(p -> p.hostIp().contains(":"))
            .thenComparing(PublishedPort::hostIp));
    return List.copyOf(list);
  }

  private String url(List<PublishedPort> published) throws EnvironmentException {
    PublishedPort web =
        published.stream()
            .filter(
                p -> p.containerPort() == PortSpec.JENKINS_WEB_PORT && p.protocol().equals("tcp"))
            .findFirst()
            .orElseThrow(
                () ->
                    new EnvironmentException(
                        "The daemon did not publish port "
                            + PortSpec.JENKINS_WEB_PORT
                            + " of container "
                            + plan.containerName(),
                        Setting.PORTS,
                        null,
                        "look at docker inspect " + plan.containerName(),
                        null));
    String ip = web.hostIp();
    String host;
    if (ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("::")) {
      host = engine.publishedHost();
      boolean familiesDisagree =
          published.stream()
              .anyMatch(
                  p ->
                      p.containerPort() == web.containerPort()
                          && p.protocol().equals(web.protocol())
                          && p.hostPort() != web.hostPort());
      if (familiesDisagree && host.equals("localhost")) {
        // The daemon gave IPv4 and IPv6 different host ports: "localhost" could reach the
        // wrong one (even another container port) over IPv6.
        host = "127.0.0.1";
      }
    } else {
      host = ip.contains(":") ? "[" + ip + "]" : ip;
    }
    return "http://" + host + ":" + web.hostPort() + "/";
  }

  private void awaitJenkins(String id, String url) throws JenkinsDindException {
    String name = plan.containerName();
    URI login = URI.create(url + "login");
    Readiness readiness = new Readiness();
    long start = System.nanoTime();
    long deadline = start + plan.waitSeconds() * 1_000_000_000L;
    long nextReport = start + 10_000_000_000L;
    events.handle(
        Event.info("Waiting up to " + plan.waitSeconds() + " s for Jenkins to answer at " + login));
    try {
      while (true) {
        if (readiness.answers(login)) {
          return;
        }
        InspectContainerResponse now =
            engine.call(
                "inspect container " + name, () -> engine.client().inspectContainerCmd(id).exec());
        if (!running(now)) {
          throw stopped(now);
        }
        long time = System.nanoTime();
        if (time - deadline >= 0) {
          throw new EnvironmentException(
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
              "wait longer (-Djenkins-dind.wait=600), or follow its log with docker logs -f "
                  + name,
              null);
        }
        if (time - nextReport >= 0) {
          events.handle(
              Event.info("Still waiting for Jenkins (" + (time - start) / 1_000_000_000L + " s)"));
          nextReport += 10_000_000_000L;
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

  private static boolean running(InspectContainerResponse container) {
    InspectContainerResponse.ContainerState state = container.getState();
    return state != null
        && Boolean.TRUE.equals(state.getRunning())
        && !Boolean.TRUE.equals(state.getRestarting())
        && (container.getRestartCount() == null || container.getRestartCount() == 0);
  }

  private EnvironmentException stopped(InspectContainerResponse container) {
    String name = plan.containerName();
    return new EnvironmentException(
        "The container "
            + name
            + " stopped before Jenkins answered ("
            + state(container)
            + "). Its last log lines:"
            + System.lineSeparator()
            + ContainerFiles.logTail(engine, container.getId(), LOG_LINES),
        null,
        null,
        "read its whole log with docker logs "
            + name
            + " (the container is kept for that;"
            + " jenkins-dind:stop removes it)",
        null);
  }

  private Optional<String> password(String id, Boolean firstStart) throws EnvironmentException {
    String name = plan.containerName();
    Optional<String> password = ContainerFiles.read(engine, id, PASSWORD_FILE);
    for (int i = 0; i < 6 && password.isEmpty() && !Boolean.FALSE.equals(firstStart); i++) {
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
    if (Boolean.FALSE.equals(firstStart)) {
      events.handle(
          Event.info(
              "Jenkins' setup is not finished: the initial admin password is still in "
                  + PASSWORD_FILE
                  + " (docker exec "
                  + name
                  + " cat "
                  + PASSWORD_FILE
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
                + name
                + ")"));
    return password;
  }

  private static String state(InspectContainerResponse container) {
    InspectContainerResponse.ContainerState s = container.getState();
    if (s == null) {
      return "state unknown";
    }
    String status = Objects.requireNonNullElse(s.getStatus(), "unknown");
    return Boolean.TRUE.equals(s.getRunning()) && !Boolean.TRUE.equals(s.getRestarting())
        ? status
        : status + ", exit code " + s.getExitCodeLong();
  }

  private static String shortId(String id) {
    return id == null ? "?" : id.substring(0, Math.min(12, id.length()));
  }
}
