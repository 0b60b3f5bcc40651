package io.github.jenkinsdind.core.api;

import io.github.jenkinsdind.core.internal.container.DockerCheck;
import io.github.jenkinsdind.core.internal.container.JenkinsRun;
import io.github.jenkinsdind.core.internal.container.JenkinsStop;
import io.github.jenkinsdind.core.internal.container.RunPlan;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs, stops and checks Jenkins containers on a Docker Engine.
 *
 * <p>It talks to the daemon that the usual Docker client settings point at ({@code DOCKER_HOST},
 * {@code DOCKER_TLS_VERIFY}, {@code DOCKER_CERT_PATH}, {@code ~/.docker}), and pins no API version:
 * the daemon answers in its own, which works with Engine 20.10 (API 1.41) as with Engine 29 (which
 * refuses clients below 1.44).
 *
 * <p>Containers it creates carry the label {@code io.github.jenkinsdind.managed=true}; it never
 * stops, removes or replaces a container without it. It never removes a volume unless {@link
 * StopRequest#removeVolume()} asks for it, and never deletes a host directory.
 *
 * <pre>{@code
 * try (JenkinsContainers docker = JenkinsContainers.connect()) {
 *   RunResult jenkins = docker.run(RunRequest.of("my-jenkins:1.0").build(), System.out::println);
 *   System.out.println(jenkins.url() + " " + jenkins.initialAdminPassword().orElse(""));
 * }
 * }</pre>
 *
 * <p>An instance may be used by one thread at a time; close it when done.
 */
public final class JenkinsContainers implements AutoCloseable {
  private final Engine engine;

  private JenkinsContainers(Engine engine) {
    this.engine = engine;
  }

  /**
   * Connects to the daemon that the environment points at, and checks that it answers.
   *
   * @return the connection; close it when done
   * @throws EnvironmentException if no daemon answers (the message names {@code DOCKER_HOST} and
   *     the socket) or the client settings are unusable
   */
  public static JenkinsContainers connect() throws EnvironmentException {
    return new JenkinsContainers(Engine.connect(null));
  }

  /**
   * Connects to a given daemon (the other client settings still come from the environment), and
   * checks that it answers.
   *
   * @param dockerHost the daemon's address, such as {@code unix:///var/run/docker.sock} or {@code
   *     tcp://host:2376}
   * @return the connection; close it when done
   * @throws EnvironmentException if no daemon answers there or the address is unusable
   */
  public static JenkinsContainers connect(String dockerHost) throws EnvironmentException {
    return new JenkinsContainers(Engine.connect(Objects.requireNonNull(dockerHost, "dockerHost")));
  }

  /**
   * Connects to a given daemon, or to the one the environment gives, checks that it answers, and
   * reports which daemon it is and why it was chosen.
   *
   * @param dockerHost the daemon's address, such as {@code tcp://host:2376}; empty for the one the
   *     environment gives ({@code DOCKER_HOST}, {@code DOCKER_CONTEXT}, the current context, the
   *     rootless or the default socket)
   * @param events where the daemon chosen is reported, once
   * @return the connection; close it when done
   * @throws EnvironmentException if no daemon answers there or the settings are unusable
   * @since 0.2.0
   */
  public static JenkinsContainers connect(Optional<String> dockerHost, EventHandler events)
      throws EnvironmentException {
    return new JenkinsContainers(
        Engine.connect(Objects.requireNonNull(dockerHost, "dockerHost").orElse(null), events));
  }

  /**
   * Returns the daemon's address.
   *
   * @return for example {@code unix:///var/run/docker.sock}
   */
  public String dockerHost() {
    return engine.dockerHost().toString();
  }

  /**
   * Starts a Jenkins container and, unless {@link RunRequest#waitSeconds()} is 0, waits until
   * Jenkins answers on its web port. On a first start it reports the initial admin password.
   *
   * @param request what to run
   * @param events where progress goes, the security note included (once)
   * @return what was started
   * @throws ConfigurationException on bad input, naming the {@link Setting}: an image the daemon
   *     does not have, a name held by a container jenkins-dind did not make, a host port in use, a
   *     jenkinsHome that is neither a volume name nor an absolute path, ...
   * @throws EnvironmentException if the daemon fails, the container stops, or Jenkins does not
   *     answer in time (with the container's last log lines)
   * @throws JenkinsDindException for any other failure of jenkins-dind
   */
  public RunResult run(RunRequest request, EventHandler events) throws JenkinsDindException {
    return JenkinsRun.run(engine, RunPlan.of(request), events);
  }

  /**
   * Stops and removes a container that jenkins-dind made; its jenkins_home is kept unless {@link
   * StopRequest#removeVolume()} is set. No container is no error: there is nothing to stop.
   *
   * @param request what to stop
   * @param events where progress goes
   * @return what was done
   * @throws ConfigurationException if the name is invalid or held by a container jenkins-dind did
   *     not make (which is left alone)
   * @throws EnvironmentException if the daemon fails
   * @throws JenkinsDindException for any other failure of jenkins-dind
   */
  public StopResult stop(StopRequest request, EventHandler events) throws JenkinsDindException {
    return JenkinsStop.stop(engine, request, events);
  }

  /**
   * Checks that an image can drive the daemon: a throwaway container of it, as its user, with the
   * socket and the group policy of {@link #run}, runs {@code docker version}.
   *
   * @param request what to check
   * @param events where progress goes
   * @return PASS with the server version, or FAIL with the diagnosis and the fix
   * @throws ConfigurationException on bad input, also an image the daemon does not have
   * @throws EnvironmentException if the daemon fails
   * @throws JenkinsDindException for any other failure of jenkins-dind
   */
  public CheckResult check(CheckRequest request, EventHandler events) throws JenkinsDindException {
    return DockerCheck.check(engine, request, events);
  }

  /** Closes the connection to the daemon. */
  @Override
  public void close() {
    engine.close();
  }
}
