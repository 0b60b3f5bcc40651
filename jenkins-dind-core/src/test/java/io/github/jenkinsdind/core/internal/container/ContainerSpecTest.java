package io.github.jenkinsdind.core.internal.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import io.github.jenkinsdind.core.api.RunRequest;
import io.github.jenkinsdind.core.internal.container.ContainerSpec.MountSpec;
import io.github.jenkinsdind.core.internal.daemon.ManagedLabels;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ContainerSpecTest {
  private static final OptionalLong GID = OptionalLong.of(106);

  private static ContainerSpec spec(RunRequest.Builder request, OptionalLong gid) throws Exception {
    return ContainerSpec.of(RunPlan.of(request.build()), gid);
  }

  @Test
  void theDefaultsMakeTheDocumentedContainer() throws Exception {
    ContainerSpec spec = spec(RunRequest.of("ci/jenkins:1.0"), GID);
    assertThat(spec.image()).isEqualTo("ci/jenkins:1.0");
    assertThat(spec.name()).isEqualTo("jenkins");
    assertThat(spec.ports())
        .containsExactly(
            new PortSpec("", 8080, 8080, "tcp"), new PortSpec("", 50000, 50000, "tcp"));
    assertThat(spec.mounts())
        .containsExactly(
            new MountSpec(MountSpec.Kind.VOLUME, "jenkins_home", "/var/jenkins_home"),
            new MountSpec(MountSpec.Kind.BIND, "/var/run/docker.sock", "/var/run/docker.sock"));
    assertThat(spec.groupAdd()).containsExactly(106L);
    assertThat(spec.env()).isEmpty();
    assertThat(spec.restartPolicy()).isEqualTo(new RestartPolicySpec("unless-stopped", 0));
  }

  @Test
  void aHostDirectoryIsBindMountedAndAVolumeIsNot() throws Exception {
    ContainerSpec dir = spec(RunRequest.of("j:1").jenkinsHome("/srv//jenkins_home/"), GID);
    assertThat(dir.mounts().get(0))
        .isEqualTo(new MountSpec(MountSpec.Kind.BIND, "/srv/jenkins_home", "/var/jenkins_home"));
    ContainerSpec volume = spec(RunRequest.of("j:1").jenkinsHome("ci_data"), GID);
    assertThat(volume.mounts().get(0))
        .isEqualTo(new MountSpec(MountSpec.Kind.VOLUME, "ci_data", "/var/jenkins_home"));

    List<Mount> mounts = DockerContainerConfig.hostConfig(dir).getMounts();
    assertThat(mounts).extracting(Mount::getType).containsExactly(MountType.BIND, MountType.BIND);
    assertThat(mounts)
        .extracting(Mount::getSource)
        .containsExactly("/srv/jenkins_home", "/var/run/docker.sock");
    assertThat(DockerContainerConfig.hostConfig(volume).getMounts().get(0).getType())
        .isEqualTo(MountType.VOLUME);
  }

  @Test
  void groupAddAutoTakesTheSocketGidFromTheDaemon() throws Exception {
    ContainerSpec spec = spec(RunRequest.of("j:1").groupAdd("auto"), OptionalLong.of(998));
    assertThat(spec.groupAdd()).containsExactly(998L);
    assertThat(DockerContainerConfig.hostConfig(spec).getGroupAdd()).containsExactly("998");
  }

  @Test
  void groupAddAutoWithoutTheGidIsAProgrammingError() {
    assertThatThrownBy(() -> spec(RunRequest.of("j:1"), OptionalLong.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void groupAddNoneAddsNothingAndAFixedGidIgnoresTheSocket() throws Exception {
    ContainerSpec none = spec(RunRequest.of("j:1").groupAdd("none"), OptionalLong.empty());
    assertThat(none.groupAdd()).isEmpty();
    assertThat(DockerContainerConfig.hostConfig(none).getGroupAdd()).isEmpty();
    ContainerSpec fixed = spec(RunRequest.of("j:1").groupAdd("999"), GID);
    assertThat(fixed.groupAdd()).containsExactly(999L);
  }

  @Test
  void envAndJavaOptsGoInSortedWithTheDockerHostOfAnotherSocket() throws Exception {
    ContainerSpec spec =
        spec(
            RunRequest.of("j:1")
                .env(Map.of("ZED", "1", "JENKINS_OPTS", "--prefix=/ci"))
                .javaOpts(" -Xmx1g ")
                .dockerSocket("/run/docker.sock"),
            GID);
    assertThat(spec.envLines())
        .containsExactly(
            "DOCKER_HOST=unix:///run/docker.sock",
            "JAVA_OPTS=-Xmx1g",
            "JENKINS_OPTS=--prefix=/ci",
            "ZED=1");
    assertThat(spec.mounts().get(1))
        .isEqualTo(new MountSpec(MountSpec.Kind.BIND, "/run/docker.sock", "/run/docker.sock"));
  }

  @Test
  void theLabelsMarkAJenkinsContainerOfJenkinsDind() throws Exception {
    Map<String, String> labels = spec(RunRequest.of("j:1"), GID).labels();
    assertThat(ManagedLabels.isManaged(labels)).isTrue();
    assertThat(labels)
        .containsEntry(ManagedLabels.ROLE, ManagedLabels.ROLE_JENKINS)
        .containsKey(ManagedLabels.VERSION);
  }

  @Test
  void eachRestartPolicyBecomesDockers() throws Exception {
    assertThat(policy("no")).isEqualTo(RestartPolicy.noRestart());
    assertThat(policy("always")).isEqualTo(RestartPolicy.alwaysRestart());
    assertThat(policy("unless-stopped")).isEqualTo(RestartPolicy.unlessStoppedRestart());
    assertThat(policy("on-failure:3")).isEqualTo(RestartPolicy.onFailureRestart(3));
  }

  private static RestartPolicy policy(String text) throws Exception {
    ContainerSpec spec = spec(RunRequest.of("j:1").restartPolicy(text), GID);
    return DockerContainerConfig.hostConfig(spec).getRestartPolicy();
  }

  @Test
  void hostPortZeroLetsTheDaemonPickAndAddressesAreKept() throws Exception {
    ContainerSpec spec =
        spec(
            RunRequest.of("j:1")
                .ports(List.of("0:8080", "127.0.0.1:8081:8080", "[::1]:0:50000", "5353:53/udp")),
            GID);
    assertThat(DockerContainerConfig.exposedPorts(spec))
        .containsExactly(ExposedPort.tcp(8080), ExposedPort.tcp(50000), ExposedPort.udp(53));
    HostConfig host = DockerContainerConfig.hostConfig(spec);
    Map<ExposedPort, Ports.Binding[]> bindings = host.getPortBindings().getBindings();
    assertThat(bindings.get(ExposedPort.tcp(8080)))
        .containsExactly(new Ports.Binding(null, null), new Ports.Binding("127.0.0.1", "8081"));
    assertThat(bindings.get(ExposedPort.tcp(50000)))
        .containsExactly(new Ports.Binding("::1", null));
    assertThat(bindings.get(ExposedPort.udp(53))).containsExactly(new Ports.Binding(null, "5353"));
  }
}
