package io.github.jenkinsdind.core.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything {@link JenkinsContainers#run} needs to start a Jenkins container. The values are
 * written as users write them (strings, as in the Maven plugin's settings); {@code run} checks them
 * and names the {@link Setting} at fault. Made with {@link #of(String)} and its {@link Builder}.
 *
 * @param image the image to run; it must be in the daemon already (build it first)
 * @param containerName the container's name
 * @param ports published ports, each {@code [ip:]hostPort:containerPort[/tcp|/udp]}; host port 0
 *     lets the daemon pick a free port. Container port 8080 (Jenkins' web port) must be published
 * @param jenkinsHome what is mounted at {@code /var/jenkins_home}: a named volume (created if
 *     missing) or an absolute path on the Docker host (a bind mount)
 * @param dockerSocket the Docker socket on the Docker host, mounted at the same path
 * @param groupAdd {@code auto} (the socket's GID as the Docker host sees it becomes a supplementary
 *     group of the container's user), {@code none}, or a GID
 * @param env environment variables of the container
 * @param javaOpts the container's {@code JAVA_OPTS}, or empty for none
 * @param restartPolicy {@code no}, {@code always}, {@code unless-stopped} or {@code on-failure[:N]}
 * @param replace whether an existing container of that name that jenkins-dind made is stopped and
 *     removed first (its volume is kept)
 * @param waitSeconds how long to wait for Jenkins to answer on its web port; 0 returns at once
 * @param dockerHost the Docker daemon to talk to, such as {@code tcp://192.0.2.7:2376} or {@code
 *     unix:///run/user/1000/docker.sock}; empty for the one the environment gives ({@code
 *     DOCKER_HOST}, {@code DOCKER_CONTEXT}, the current context, the rootless or the default
 *     socket), as the docker CLI finds it
 */
public record RunRequest(
    String image,
    String containerName,
    List<String> ports,
    String jenkinsHome,
    String dockerSocket,
    String groupAdd,
    Map<String, String> env,
    String javaOpts,
    String restartPolicy,
    boolean replace,
    long waitSeconds,
    Optional<String> dockerHost) {

  /** The default container name. */
  public static final String DEFAULT_CONTAINER_NAME = "jenkins";

  /** The default published ports: the web port and the agent port. */
  public static final List<String> DEFAULT_PORTS = List.of("8080:8080", "50000:50000");

  /** The suffix of the default {@code jenkinsHome}: the container name plus this. */
  public static final String JENKINS_HOME_SUFFIX = "_home";

  /** The default Docker socket. */
  public static final String DEFAULT_DOCKER_SOCKET = "/var/run/docker.sock";

  /** The default group policy. */
  public static final String DEFAULT_GROUP_ADD = "auto";

  /** The default restart policy. */
  public static final String DEFAULT_RESTART_POLICY = "unless-stopped";

  /** The default wait, in seconds. */
  public static final long DEFAULT_WAIT_SECONDS = 300;

  /**
   * Checks and copies the parts.
   *
   * @param image the image
   * @param containerName the container name
   * @param ports the ports
   * @param jenkinsHome the jenkins_home volume or path
   * @param dockerSocket the socket
   * @param groupAdd the group policy
   * @param env the environment
   * @param javaOpts the JAVA_OPTS, or empty
   * @param restartPolicy the restart policy
   * @param replace whether to replace
   * @param waitSeconds the wait
   * @param dockerHost the daemon, if one was given
   */
  public RunRequest {
    Objects.requireNonNull(dockerHost, "dockerHost");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(containerName, "containerName");
    ports = List.copyOf(ports);
    Objects.requireNonNull(jenkinsHome, "jenkinsHome");
    Objects.requireNonNull(dockerSocket, "dockerSocket");
    Objects.requireNonNull(groupAdd, "groupAdd");
    env = Map.copyOf(env);
    Objects.requireNonNull(javaOpts, "javaOpts");
    Objects.requireNonNull(restartPolicy, "restartPolicy");
  }

  /**
   * Starts a request for an image.
   *
   * @param image the image to run
   * @return a builder with the defaults: container {@code jenkins}, ports {@code 8080:8080} and
   *     {@code 50000:50000}, jenkinsHome the container name plus {@code _home} ({@code
   *     jenkins_home}), socket {@code /var/run/docker.sock}, groupAdd {@code auto}, restart policy
   *     {@code unless-stopped}, replace, wait 300 seconds
   */
  public static Builder of(String image) {
    return new Builder(image);
  }

  /** Builds a {@link RunRequest}. Not thread-safe. */
  public static final class Builder {
    private final String image;
    private String containerName = DEFAULT_CONTAINER_NAME;
    private List<String> ports = DEFAULT_PORTS;
    private String jenkinsHome;
    private String dockerSocket = DEFAULT_DOCKER_SOCKET;
    private String groupAdd = DEFAULT_GROUP_ADD;
    private final Map<String, String> env = new TreeMap<>();
    private String javaOpts = "";
    private String restartPolicy = DEFAULT_RESTART_POLICY;
    private boolean replace = true;
    private long waitSeconds = DEFAULT_WAIT_SECONDS;
    private Optional<String> dockerHost = Optional.empty();

    private Builder(String image) {
      this.image = Objects.requireNonNull(image, "image");
    }

    /**
     * Sets the container name.
     *
     * @param value the name
     * @return this builder
     */
    public Builder containerName(String value) {
      this.containerName = value;
      return this;
    }

    /**
     * Sets the published ports.
     *
     * @param value the ports, see {@link RunRequest#ports()}
     * @return this builder
     */
    public Builder ports(List<String> value) {
      this.ports = List.copyOf(value);
      return this;
    }

    /**
     * Sets what is mounted at {@code /var/jenkins_home}.
     *
     * @param value a volume name or an absolute host path
     * @return this builder
     */
    public Builder jenkinsHome(String value) {
      this.jenkinsHome = value;
      return this;
    }

    /**
     * Sets the Docker socket.
     *
     * @param value the socket's path on the Docker host
     * @return this builder
     */
    public Builder dockerSocket(String value) {
      this.dockerSocket = value;
      return this;
    }

    /**
     * Sets the group policy.
     *
     * @param value {@code auto}, {@code none} or a GID
     * @return this builder
     */
    public Builder groupAdd(String value) {
      this.groupAdd = value;
      return this;
    }

    /**
     * Adds environment variables.
     *
     * @param value the variables
     * @return this builder
     */
    public Builder env(Map<String, String> value) {
      this.env.putAll(value);
      return this;
    }

    /**
     * Sets the container's {@code JAVA_OPTS}.
     *
     * @param value the options, or empty for none
     * @return this builder
     */
    public Builder javaOpts(String value) {
      this.javaOpts = value;
      return this;
    }

    /**
     * Sets the restart policy.
     *
     * @param value the policy
     * @return this builder
     */
    public Builder restartPolicy(String value) {
      this.restartPolicy = value;
      return this;
    }

    /**
     * Sets whether an existing container of jenkins-dind with that name is replaced.
     *
     * @param value whether to replace
     * @return this builder
     */
    public Builder replace(boolean value) {
      this.replace = value;
      return this;
    }

    /**
     * Sets how long to wait for Jenkins to answer.
     *
     * @param seconds the wait; 0 returns at once
     * @return this builder
     */
    public Builder waitSeconds(long seconds) {
      this.waitSeconds = seconds;
      return this;
    }

    /**
     * Sets the Docker daemon to talk to, ahead of the environment's.
     *
     * @param value the daemon's address, such as {@code tcp://192.0.2.7:2376}; blank for the
     *     environment's
     * @return this builder
     * @since 0.2.0
     */
    public Builder dockerHost(String value) {
      this.dockerHost =
          value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
      return this;
    }

    /**
     * Makes the request.
     *
     * @return the request
     */
    public RunRequest build() {
      return new RunRequest(
          image,
          containerName,
          ports,
          jenkinsHome != null ? jenkinsHome : containerName + JENKINS_HOME_SUFFIX,
          dockerSocket,
          groupAdd,
          env,
          javaOpts,
          restartPolicy,
          replace,
          waitSeconds,
          dockerHost);
    }
  }
}
