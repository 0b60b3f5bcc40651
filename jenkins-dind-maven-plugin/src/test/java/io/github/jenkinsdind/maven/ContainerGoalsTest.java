package io.github.jenkinsdind.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.CheckRequest;
import io.github.jenkinsdind.core.api.RunRequest;
import io.github.jenkinsdind.core.api.StopRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The goals {@code run}, {@code check} and {@code stop} as Maven configures them from a project:
 * their requests with the defaults, with {@code <configuration>} and with {@code -D} properties,
 * and {@code skip} honoured before anything else. No container is started.
 */
class ContainerGoalsTest {
  @RegisterExtension final MojoHarness maven = new MojoHarness();

  private final RecordingLog log = new RecordingLog();

  private <T extends AbstractJenkinsDindMojo<?>> T goal(
      String project, String goal, MojoHarness.Invocation invocation) throws Exception {
    return maven.goal(project, goal, invocation, log);
  }

  @Test
  void runDefaultsAreTheCoreDefaults() throws Exception {
    RunMojo run = goal("defaults", "run", MojoHarness.Invocation.plain());

    assertThat(run.validatedRequest()).isEqualTo(RunRequest.of("jenkins-ci:1.2.3").build());
  }

  @Test
  void everyRunParameterOfTheConfigurationGoesIntoTheRequest() throws Exception {
    RunMojo run = goal("run-configured", "run", MojoHarness.Invocation.plain());

    assertThat(run.validatedRequest())
        .isEqualTo(
            new RunRequest(
                "registry.example.com/ci/jenkins:1.2.3",
                "ci-jenkins",
                List.of("127.0.0.1:0:8080", "50001:50000"),
                "/srv/jenkins",
                "/run/user/1000/docker.sock",
                "none",
                Map.of(
                    "TZ", "Europe/Paris",
                    "CASC_JENKINS_CONFIG", "/var/jenkins_home/casc.yaml"),
                "-Xmx2g -Djenkins.install.runSetupWizard=false",
                "on-failure:3",
                false,
                60,
                Optional.of("tcp://192.0.2.7:2376")));
  }

  @Test
  void runPropertiesSetWhatTheConfigurationLeavesOpen() throws Exception {
    RunMojo run =
        goal(
            "defaults",
            "run",
            MojoHarness.Invocation.with(
                Map.of(
                    "jenkins-dind.image", "jenkins-ci:edge",
                    "jenkins-dind.containerName", "ci",
                    "jenkins-dind.ports", "0:8080,50000:50000",
                    "jenkins-dind.groupAdd", "998",
                    "jenkins-dind.replace", "false",
                    "jenkins-dind.wait", "0")));

    assertThat(run.validatedRequest())
        .isEqualTo(
            RunRequest.of("jenkins-ci:edge")
                .containerName("ci")
                .ports(List.of("0:8080", "50000:50000"))
                .groupAdd("998")
                .replace(false)
                .waitSeconds(0)
                .build());
  }

  @Test
  void checkSharesImageSocketAndGroupWithRun() throws Exception {
    CheckMojo defaults = goal("defaults", "check", MojoHarness.Invocation.plain());
    CheckMojo configured = goal("check-configured", "check", MojoHarness.Invocation.plain());
    CheckMojo properties =
        goal(
            "defaults",
            "check",
            MojoHarness.Invocation.with(
                Map.of("jenkins-dind.groupAdd", "none", "jenkins-dind.image", "other:1")));

    assertThat(defaults.validatedRequest()).isEqualTo(CheckRequest.of("jenkins-ci:1.2.3"));
    assertThat(configured.validatedRequest())
        .isEqualTo(
            new CheckRequest(
                "registry.example.com/ci/jenkins:1.2.3",
                "/run/user/1000/docker.sock",
                "998",
                Optional.of("tcp://192.0.2.7:2376")));
    assertThat(properties.validatedRequest())
        .isEqualTo(new CheckRequest("other:1", RunRequest.DEFAULT_DOCKER_SOCKET, "none"));
  }

  @Test
  void stopKeepsTheVolumeUnlessToldOtherwise() throws Exception {
    StopMojo defaults = goal("defaults", "stop", MojoHarness.Invocation.plain());
    StopMojo configured = goal("stop-configured", "stop", MojoHarness.Invocation.plain());
    StopMojo properties =
        goal(
            "properties",
            "stop",
            MojoHarness.Invocation.with(
                Map.of(
                    "jenkins-dind.removeVolume", "true",
                    "jenkins-dind.dockerHost", "unix:///run/user/1000/docker.sock")));

    assertThat(defaults.validatedRequest())
        .isEqualTo(StopRequest.of(RunRequest.DEFAULT_CONTAINER_NAME));
    assertThat(configured.validatedRequest()).isEqualTo(new StopRequest("ci-jenkins", true));
    assertThat(properties.validatedRequest())
        .isEqualTo(
            new StopRequest("ci-jenkins", true, Optional.of("unix:///run/user/1000/docker.sock")));
  }

  @Test
  void skipIsHonouredBeforeAnythingElse() throws Exception {
    for (String name : List.of("run", "check", "stop")) {
      AbstractJenkinsDindMojo<?> mojo =
          goal(
              "properties",
              name,
              MojoHarness.Invocation.with(
                  Map.of("jenkins-dind.skip", "true", "jenkins-dind.imgae", "x")));

      mojo.execute();
    }

    assertThat(log.lines())
        .containsExactly(
            "[INFO] Skipping jenkins-dind:run (skip is true)",
            "[INFO] Skipping jenkins-dind:check (skip is true)",
            "[INFO] Skipping jenkins-dind:stop (skip is true)");
  }

  @Test
  void eachGoalSaysWhichPropertiesItDoesNotRead() throws Exception {
    MojoHarness.Invocation invocation =
        MojoHarness.Invocation.with(
            Map.of("jenkins-dind.removeVolume", "true", "jenkins-dind.contianerName", "ci"));

    goal("properties", "run", invocation).warnAboutUnknownProperties();

    assertThat(log.lines())
        .containsExactly(
            "[WARN] Unknown property jenkins-dind.contianerName (no parameter of jenkins-dind:run"
                + " reads it); did you mean jenkins-dind.containerName?",
            "[WARN] Unknown property jenkins-dind.platfrom (no parameter of jenkins-dind:run reads"
                + " it); did you mean jenkins-dind.platform (read by jenkins-dind:build)?",
            "[INFO] Property jenkins-dind.removeVolume is not read by jenkins-dind:run, only by"
                + " jenkins-dind:stop");
  }
}
