package io.github.jenkinsdind.core.internal.container;

import io.github.jenkinsdind.core.internal.daemon.ManagedLabels;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The Jenkins container that {@code run} creates, as a value: a pure function ({@link #of}) of the
 * checked request and of what the daemon told (the Docker socket's GID, for {@code groupAdd=auto}).
 * Nothing here talks to the daemon; {@link DockerContainerConfig} turns it into the daemon's terms.
 *
 * <p>The container runs as the image's own user: the spec sets no user, it only adds supplementary
 * groups.
 *
 * @param image the image
 * @param name the container's name
 * @param ports the published ports as requested (host port 0: the daemon picks a free one)
 * @param mounts what is mounted: jenkins_home first, then the Docker socket at its own path
 * @param groupAdd the supplementary GIDs of the image's user
 * @param env the environment, sorted by name ({@code JAVA_OPTS} and {@code DOCKER_HOST} included)
 * @param labels the labels that mark the container as made by jenkins-dind
 * @param restartPolicy the restart policy
 */
public record ContainerSpec(
    String image,
    String name,
    List<PortSpec> ports,
    List<MountSpec> mounts,
    List<Long> groupAdd,
    Map<String, String> env,
    Map<String, String> labels,
    RestartPolicySpec restartPolicy) {

  /**
   * Checks and copies the parts; the environment is kept sorted by name.
   *
   * @param image the image
   * @param name the name
   * @param ports the ports
   * @param mounts the mounts
   * @param groupAdd the supplementary GIDs
   * @param env the environment
   * @param labels the labels
   * @param restartPolicy the restart policy
   */
  public ContainerSpec {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(name, "name");
    ports = List.copyOf(ports);
    mounts = List.copyOf(mounts);
    groupAdd = List.copyOf(groupAdd);
    env = Collections.unmodifiableMap(new TreeMap<>(env));
    labels = Map.copyOf(labels);
    Objects.requireNonNull(restartPolicy, "restartPolicy");
  }

  /**
   * Maps a checked request to the container's spec.
   *
   * @param plan the checked request
   * @param socketGid the socket's GID as the Docker host has it; needed for {@code groupAdd=auto}
   *     only, ignored otherwise
   * @return the spec
   * @throws IllegalArgumentException if the policy is {@code auto} and no GID is given
   */
  public static ContainerSpec of(RunPlan plan, OptionalLong socketGid) {
    GroupAddPolicy policy = plan.groupAdd();
    if (policy instanceof GroupAddPolicy.Auto && socketGid.isEmpty()) {
      throw new IllegalArgumentException("groupAdd=auto needs the socket's GID");
    }
    MountSpec home =
        plan.jenkinsHome() instanceof JenkinsHomeSpec.Volume v
            ? new MountSpec(MountSpec.Kind.VOLUME, v.name(), JenkinsHomeSpec.TARGET)
            : new MountSpec(MountSpec.Kind.BIND, plan.jenkinsHome().text(), JenkinsHomeSpec.TARGET);
    MountSpec socket = new MountSpec(MountSpec.Kind.BIND, plan.dockerSocket(), plan.dockerSocket());
    return new ContainerSpec(
        plan.image(),
        plan.containerName(),
        plan.ports(),
        List.of(home, socket),
        policy.groups(socketGid.orElse(-1)),
        plan.env(),
        ManagedLabels.of(ManagedLabels.ROLE_JENKINS),
        plan.restartPolicy());
  }

  /**
   * Returns the environment as the daemon takes it.
   *
   * @return {@code NAME=value} lines, sorted by name
   */
  public List<String> envLines() {
    return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  /**
   * One mount of the container.
   *
   * @param kind a named volume or a bind mount of a host path
   * @param source the volume's name or the path on the Docker host
   * @param target the path in the container
   */
  public record MountSpec(Kind kind, String source, String target) {
    /** What is mounted. */
    public enum Kind {
      /** A named Docker volume. */
      VOLUME,
      /** A path on the Docker host. */
      BIND
    }

    /**
     * Checks the parts.
     *
     * @param kind the kind
     * @param source the source
     * @param target the target
     */
    public MountSpec {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(target, "target");
    }
  }
}
