package io.github.jenkinsdind.core.internal.container;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.RunRequest;
import io.github.jenkinsdind.core.api.Setting;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link RunRequest} checked and parsed: every value is known good before the daemon is asked
 * anything.
 *
 * @param image the image
 * @param containerName the container name
 * @param ports the published ports
 * @param jenkinsHome the volume or host path for {@code /var/jenkins_home}
 * @param dockerSocket the socket path, normalized
 * @param groupAdd the group policy
 * @param env the container's environment, {@code JAVA_OPTS} and {@code DOCKER_HOST} included
 * @param restartPolicy the restart policy
 * @param replace whether an existing container of jenkins-dind is replaced
 * @param waitSeconds how long to wait for Jenkins
 */
public record RunPlan(
    String image,
    String containerName,
    List<PortSpec> ports,
    JenkinsHomeSpec jenkinsHome,
    String dockerSocket,
    GroupAddPolicy groupAdd,
    Map<String, String> env,
    RestartPolicySpec restartPolicy,
    boolean replace,
    long waitSeconds) {

  /**
   * Copies the parts.
   *
   * @param image the image
   * @param containerName the name
   * @param ports the ports
   * @param jenkinsHome the jenkins_home
   * @param dockerSocket the socket
   * @param groupAdd the group policy
   * @param env the environment
   * @param restartPolicy the restart policy
   * @param replace whether to replace
   * @param waitSeconds the wait
   */
  public RunPlan {
    ports = List.copyOf(ports);
    env = Map.copyOf(env);
  }

  /**
   * Checks and parses a request.
   *
   * @param request the request
   * @return the plan
   * @throws ConfigurationException naming the first setting at fault
   */
  public static RunPlan of(RunRequest request) throws ConfigurationException {
    String image = Inputs.image(request.image());
    String name = Inputs.containerName(request.containerName());
    List<PortSpec> ports = PortSpec.parseAll(request.ports());
    JenkinsHomeSpec home = JenkinsHomeSpec.parse(request.jenkinsHome());
    String socket = Inputs.dockerSocket(request.dockerSocket());
    GroupAddPolicy groupAdd = GroupAddPolicy.parse(request.groupAdd());
    Map<String, String> env = environment(request, socket);
    RestartPolicySpec restart = RestartPolicySpec.parse(request.restartPolicy());
    if (request.waitSeconds() < 0) {
      throw new ConfigurationException(
          "wait must be 0 or more seconds, not " + request.waitSeconds(),
          Setting.WAIT,
          Long.toString(request.waitSeconds()),
          "give the seconds to wait for Jenkins to answer (300 by default), or 0 not to wait");
    }
    return new RunPlan(
        image,
        name,
        ports,
        home,
        socket,
        groupAdd,
        env,
        restart,
        request.replace(),
        request.waitSeconds());
  }

  /**
   * Returns this plan with the socket to mount that the daemon's host has ({@link
   * DaemonSocket#toMount}); a socket other than the default also becomes the container's {@code
   * DOCKER_HOST}, unless the environment gives one.
   *
   * @param socket the socket's path on the daemon's host
   * @return the plan, this one if the socket is the same
   */
  public RunPlan withDockerSocket(String socket) {
    if (socket.equals(dockerSocket)) {
      return this;
    }
    Map<String, String> newEnv = new TreeMap<>(env);
    if (!socket.equals(RunRequest.DEFAULT_DOCKER_SOCKET)) {
      newEnv.putIfAbsent("DOCKER_HOST", "unix://" + socket);
    }
    return new RunPlan(
        image,
        containerName,
        ports,
        jenkinsHome,
        socket,
        groupAdd,
        newEnv,
        restartPolicy,
        replace,
        waitSeconds);
  }

  private static Map<String, String> environment(RunRequest request, String socket)
      throws ConfigurationException {
    Map<String, String> env = new TreeMap<>();
    for (Map.Entry<String, String> e : request.env().entrySet()) {
      String key = e.getKey() == null ? "" : e.getKey().trim();
      if (key.isEmpty() || key.contains("=") || key.chars().anyMatch(Character::isWhitespace)) {
        throw new ConfigurationException(
            "The environment variable name '" + e.getKey() + "' is not valid",
            Setting.ENV,
            e.getKey(),
            "use names without '=' or spaces, such as JENKINS_OPTS");
      }
      env.put(key, e.getValue() == null ? "" : e.getValue());
    }
    String javaOpts = request.javaOpts().trim();
    if (!javaOpts.isEmpty()) {
      if (env.containsKey("JAVA_OPTS")) {
        throw new ConfigurationException(
            "JAVA_OPTS is given twice: as javaOpts and in env",
            Setting.JAVA_OPTS,
            javaOpts,
            "give it once, as javaOpts, and remove JAVA_OPTS from env");
      }
      env.put("JAVA_OPTS", javaOpts);
    }
    if (!socket.equals(RunRequest.DEFAULT_DOCKER_SOCKET)) {
      env.putIfAbsent("DOCKER_HOST", "unix://" + socket);
    }
    return env;
  }

  /**
   * Returns the plain container port of Jenkins' web port mapping.
   *
   * @return the first mapping of container port 8080/tcp
   */
  public PortSpec webPort() {
    return ports.stream().filter(PortSpec::isJenkinsWeb).findFirst().orElseThrow();
  }
}
