package io.github.jenkinsdind.maven;

import io.github.jenkinsdind.core.api.JenkinsContainers;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.RunRequest;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the Jenkins image on the Docker daemon ({@code dockerHost}, else {@code DOCKER_HOST}, the
 * Docker context, the rootless or the local socket), with the daemon host's own Docker socket
 * mounted, and waits until Jenkins answers on its web port. Then it prints Jenkins' address (the
 * daemon host's, for a daemon reached over TCP) and, on a first start, the initial admin password.
 *
 * <p>The container's user gets the socket's GID as a supplementary group ({@code groupAdd=auto}),
 * so the image's own docker group GID need not match the host's. Access to the Docker socket is
 * root on the Docker host: whoever controls this Jenkins controls the host.
 *
 * <p>The container carries the label {@code io.github.jenkinsdind.managed=true}; a container of
 * that name without it is never touched. Jenkins' data ({@code jenkinsHome}) is kept across runs.
 *
 * @since 0.1.0
 */
@Mojo(
    name = "run",
    defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST,
    requiresProject = false,
    threadSafe = true)
public class RunMojo extends AbstractContainerMojo<RunRequest> {

  /**
   * The container's name.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "containerName", defaultValue = "jenkins")
  String containerName;

  /**
   * Published ports, each {@code [ip:]hostPort:containerPort[/tcp|/udp]}; host port {@code 0} lets
   * Docker pick a free one, which is reported. Container port 8080 (the web port) must be among
   * them. Default: {@code 8080:8080,50000:50000}. On the command line: comma-separated.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "ports")
  List<String> ports;

  /**
   * What is mounted at {@code /var/jenkins_home}: a named volume (created if missing) or an
   * absolute path on the Docker host (a bind mount; the directory must exist and be writable by the
   * image's user, uid 1000 in Jenkins images). Default: the container name plus {@code _home}, so
   * {@code jenkins_home} for the default container name.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "jenkinsHome")
  String jenkinsHome;

  /**
   * Environment variables of the container. Set in the plugin's {@code <configuration>} only.
   *
   * @since 0.1.0
   */
  @Parameter Map<String, String> env;

  /**
   * The container's {@code JAVA_OPTS}, for example {@code -Xmx2g}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "javaOpts")
  String javaOpts;

  /**
   * The container's restart policy: {@code no}, {@code always}, {@code unless-stopped} or {@code
   * on-failure[:N]}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "restartPolicy", defaultValue = "unless-stopped")
  String restartPolicy;

  /**
   * Whether an existing container of that name that this plugin made is stopped and removed first
   * (its jenkins_home is kept). With {@code false} such a container is an error.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "replace", defaultValue = "true")
  boolean replace;

  /**
   * How many seconds to wait for Jenkins to answer on its web port ({@code /login}); {@code 0}
   * returns as soon as the container has started.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "wait", defaultValue = "300")
  long wait;

  /** Creates the goal; Maven sets the parameters. */
  public RunMojo() {}

  @Override
  protected String goal() {
    return "run";
  }

  @Override
  protected RunRequest request() {
    RunRequest.Builder request =
        RunRequest.of(orEmpty(image))
            .containerName(orEmpty(containerName))
            .dockerSocket(orEmpty(dockerSocket))
            .groupAdd(orEmpty(groupAdd))
            .javaOpts(orEmpty(javaOpts))
            .restartPolicy(orEmpty(restartPolicy))
            .replace(replace)
            .waitSeconds(wait)
            .dockerHost(dockerHost);
    if (ports != null && !ports.isEmpty()) {
      request.ports(ports);
    }
    if (jenkinsHome != null && !jenkinsHome.isBlank()) {
      request.jenkinsHome(jenkinsHome);
    }
    if (env != null) {
      request.env(env);
    }
    return request.build();
  }

  @Override
  protected void perform(RunRequest request) throws JenkinsDindException {
    try (JenkinsContainers docker = JenkinsContainers.connect(request.dockerHost(), events())) {
      docker.run(request, events());
    }
  }
}
