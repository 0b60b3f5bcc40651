package io.github.jenkinsdind.core.internal.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.RunRequest;
import io.github.jenkinsdind.core.api.Setting;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunPlanTest {

  @Test
  void defaultsMakeTheDocumentedPlan() throws Exception {
    RunPlan plan = RunPlan.of(RunRequest.of("ci/jenkins:1.0").build());
    assertThat(plan.image()).isEqualTo("ci/jenkins:1.0");
    assertThat(plan.containerName()).isEqualTo("jenkins");
    assertThat(plan.ports())
        .containsExactly(
            new PortSpec("", 8080, 8080, "tcp"), new PortSpec("", 50000, 50000, "tcp"));
    assertThat(plan.jenkinsHome()).isEqualTo(new JenkinsHomeSpec.Volume("jenkins_home"));
    assertThat(plan.dockerSocket()).isEqualTo("/var/run/docker.sock");
    assertThat(plan.groupAdd()).isInstanceOf(GroupAddPolicy.Auto.class);
    assertThat(plan.env()).isEmpty();
    assertThat(plan.restartPolicy()).isEqualTo(new RestartPolicySpec("unless-stopped", 0));
    assertThat(plan.replace()).isTrue();
    assertThat(plan.waitSeconds()).isEqualTo(300);
    assertThat(plan.webPort().hostPort()).isEqualTo(8080);
  }

  @Test
  void theDefaultHomeFollowsTheContainerNameSoThatTwoRunsCoexist() throws Exception {
    RunPlan plan = RunPlan.of(RunRequest.of("j:1").containerName("ci2").build());
    assertThat(plan.jenkinsHome()).isEqualTo(new JenkinsHomeSpec.Volume("ci2_home"));
  }

  @Test
  void javaOptsGoesIntoTheEnvironment() throws Exception {
    RunPlan plan =
        RunPlan.of(
            RunRequest.of("j:1")
                .env(Map.of("JENKINS_OPTS", "--prefix=/ci"))
                .javaOpts("-Xmx1g")
                .build());
    assertThat(plan.env())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("JENKINS_OPTS", "--prefix=/ci", "JAVA_OPTS", "-Xmx1g"));
  }

  @Test
  void aSocketElsewhereIsAlsoGivenToTheCliInside() throws Exception {
    RunPlan plan =
        RunPlan.of(RunRequest.of("j:1").dockerSocket("unix:///run/user/1000/docker.sock").build());
    assertThat(plan.dockerSocket()).isEqualTo("/run/user/1000/docker.sock");
    assertThat(plan.env()).containsEntry("DOCKER_HOST", "unix:///run/user/1000/docker.sock");
  }

  @Test
  void eachBadInputNamesItsSetting() {
    assertParameter(RunRequest.of(" ").build(), Setting.IMAGE);
    assertParameter(RunRequest.of("j:1").containerName("bad name").build(), Setting.CONTAINER_NAME);
    assertParameter(RunRequest.of("j:1").ports(List.of("80")).build(), Setting.PORTS);
    assertParameter(RunRequest.of("j:1").jenkinsHome("./home").build(), Setting.JENKINS_HOME);
    assertParameter(
        RunRequest.of("j:1").dockerSocket("docker.sock").build(), Setting.DOCKER_SOCKET);
    assertParameter(RunRequest.of("j:1").groupAdd("docker").build(), Setting.GROUP_ADD);
    assertParameter(RunRequest.of("j:1").env(Map.of("A=B", "x")).build(), Setting.ENV);
    assertParameter(
        RunRequest.of("j:1").env(Map.of("JAVA_OPTS", "-Xmx1g")).javaOpts("-Xmx2g").build(),
        Setting.JAVA_OPTS);
    assertParameter(RunRequest.of("j:1").restartPolicy("never").build(), Setting.RESTART_POLICY);
    assertParameter(RunRequest.of("j:1").waitSeconds(-1).build(), Setting.WAIT);
  }

  private static void assertParameter(RunRequest request, Setting parameter) {
    assertThatThrownBy(() -> RunPlan.of(request))
        .as(parameter.key())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).contains(parameter);
              assertThat(e.suggestion()).isPresent();
            });
  }

  @Test
  void theDaemonHostsSocketReplacesTheDefaultAndBecomesTheContainersDockerHost() throws Exception {
    RunPlan plan = RunPlan.of(RunRequest.of("j:1").build());
    assertThat(plan.withDockerSocket("/var/run/docker.sock")).isSameAs(plan);

    RunPlan rootless = plan.withDockerSocket("/run/user/1000/docker.sock");
    assertThat(rootless.dockerSocket()).isEqualTo("/run/user/1000/docker.sock");
    assertThat(rootless.env()).containsEntry("DOCKER_HOST", "unix:///run/user/1000/docker.sock");
    assertThat(rootless)
        .usingRecursiveComparison()
        .ignoringFields("dockerSocket", "env")
        .isEqualTo(plan);
  }

  @Test
  void aDockerHostOfTheUsersEnvironmentIsKeptWhenTheSocketChanges() throws Exception {
    RunPlan plan =
        RunPlan.of(RunRequest.of("j:1").env(Map.of("DOCKER_HOST", "tcp://docker:2375")).build());
    assertThat(plan.withDockerSocket("/run/podman/podman.sock").env())
        .containsEntry("DOCKER_HOST", "tcp://docker:2375");
  }

  @Test
  void theRequestsDockerHostIsOptional() {
    assertThat(RunRequest.of("j:1").build().dockerHost()).isEmpty();
    assertThat(RunRequest.of("j:1").dockerHost(" ").build().dockerHost()).isEmpty();
    assertThat(RunRequest.of("j:1").dockerHost(" tcp://192.0.2.7:2376 ").build().dockerHost())
        .contains("tcp://192.0.2.7:2376");
  }
}
