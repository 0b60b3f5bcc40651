package io.github.jenkinsdind.core.internal.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolchainVerdictTest {
  private static final String M = ToolchainScript.MARKER;
  private static final CheckVerdict VERSION_PASSED =
      new CheckVerdict(
          true, Optional.of("20.10.24"), "docker version reached it.", Optional.empty());

  private static CheckVerdict judge(String stdout, int exitCode) {
    return ToolchainVerdict.judge(VERSION_PASSED, ToolchainScript.parse(stdout), exitCode, "");
  }

  @Test
  void everyStepPassedNamesTheVersionsAndSteps() {
    CheckVerdict v =
        judge(
            M
                + "ok VERSION 26.1.5 20.10.24 1.41\n"
                + M
                + "ok BUILDX_VERSION github.com/docker/buildx 0.13.1\n"
                + M
                + "ok BUILD #0 building with \"default\" instance using docker driver\n"
                + M
                + "ok COMPOSE_VERSION Docker Compose version 2.26.1\n"
                + M
                + "ok COMPOSE_UP  Container x Started\n"
                + M
                + "ok COMPOSE_DOWN  Container x Removed\n",
            0);

    assertThat(v.passed()).isTrue();
    assertThat(v.diagnosis())
        .contains("Client, server, API: 26.1.5 20.10.24 1.41")
        .contains("github.com/docker/buildx 0.13.1 built FROM the image with BuildKit")
        .contains("Docker Compose version 2.26.1 ran up -d and down");
  }

  @Test
  void anImageWithoutComposePassesAndSaysComposeWasNotChecked() {
    CheckVerdict v =
        judge(
            M
                + "ok VERSION 26.1.5 20.10.24 1.41\n"
                + M
                + "ok BUILDX_VERSION github.com/docker/buildx 0.13.1\n"
                + M
                + "ok BUILD #0\n"
                + M
                + "absent compose\n",
            0);

    assertThat(v.passed()).isTrue();
    assertThat(v.diagnosis()).contains("Compose: not in the image, not checked.");
  }

  @Test
  void withoutBuildxTheBuildStepFailsAndSaysToAddIt() {
    CheckVerdict v =
        judge(
            M
                + "ok VERSION 26.1.5 20.10.24 1.41\n"
                + M
                + "failed BUILDX_VERSION\n"
                + "docker: 'buildx' is not a docker command.\n"
                + "See 'docker --help'\n",
            1);

    assertThat(v.passed()).isFalse();
    assertThat(v.diagnosis())
        .startsWith("The build step failed at `docker buildx version`: the image has no buildx");
    assertThat(v.fix().orElseThrow().parts())
        .contains(new Suggestion.Text("add buildx to "))
        .contains(new Suggestion.SetTo(Setting.CLI_PLUGINS, null))
        .contains(new Suggestion.Run(Suggestion.Operation.BUILD));
  }

  @Test
  void aClientTooNewForTheEngineNamesBothApisAndDockerVersion() {
    CheckVerdict v =
        judge(
            M
                + "ok VERSION 29.7.2 20.10.24 1.41\n"
                + M
                + "ok BUILDX_VERSION github.com/docker/buildx 0.34.0\n"
                + M
                + "failed BUILD\n"
                + "ERROR: Error response from daemon: client version 1.52 is too new."
                + " Maximum supported API version is 1.41\n",
            1);

    assertThat(v.passed()).isFalse();
    assertThat(v.diagnosis()).contains("API 1.52").contains("maximum, 1.41");
    assertThat(v.fix().orElseThrow().parts())
        .contains(new Suggestion.SetTo(Setting.DOCKER_VERSION, null));
  }

  @Test
  void aFailedComposeStepShowsItsOutput() {
    CheckVerdict v =
        judge(
            M
                + "ok VERSION 26.1.5 20.10.24 1.41\n"
                + M
                + "ok BUILDX_VERSION b\n"
                + M
                + "ok BUILD b\n"
                + M
                + "ok COMPOSE_VERSION c\n"
                + M
                + "failed COMPOSE_UP\n"
                + "Error response from daemon: no such image\n",
            1);

    assertThat(v.passed()).isFalse();
    assertThat(v.diagnosis())
        .startsWith("The compose step failed at `docker compose up -d` in the image:")
        .contains("no such image");
  }

  @Test
  void aScriptThatCouldNotRunFails() {
    CheckVerdict v =
        ToolchainVerdict.judge(
            VERSION_PASSED,
            ToolchainScript.parse(""),
            127,
            "exec: \"sh\": executable file not found in $PATH");

    assertThat(v.passed()).isFalse();
    assertThat(v.diagnosis()).contains("exit code 127").contains("needs a POSIX sh");
  }

  @Test
  void aDaemonWithoutBuildKitNamesTheBuildKitImageAndTheSwitch() {
    CheckVerdict v =
        judge(
            M
                + "ok VERSION 26.1.5 4.3.1 1.41\n"
                + M
                + "ok BUILDX_VERSION github.com/docker/buildx 0.13.1\n"
                + M
                + "failed BUILD\n"
                + " > [internal] booting buildkit:\n"
                + "ERROR: Error response from daemon: no such image:"
                + " docker.io/moby/buildkit:buildx-stable-1: image not known\n",
            1);

    assertThat(v.passed()).isFalse();
    assertThat(v.diagnosis()).contains("the daemon has no BuildKit of its own");
    assertThat(v.fix().orElseThrow().parts())
        .contains(new Suggestion.SetTo(Setting.CHECK_TOOLCHAIN, null));
  }
}
