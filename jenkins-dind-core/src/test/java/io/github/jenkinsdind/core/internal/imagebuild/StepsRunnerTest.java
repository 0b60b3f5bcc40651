package io.github.jenkinsdind.core.internal.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.BuildResult;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.ImageTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepsRunnerTest {
  /** The documented order, without the CLI step, which runs beside the base's read. */
  private static final List<String> ORDER =
      List.of(
          "check",
          "route",
          "connect",
          "inputs",
          "upToDate",
          "startPull",
          "readBase",
          "mountBaseLayers",
          "target",
          "editAccounts",
          "planLayers",
          "assemble",
          "write",
          "remember");

  @TempDir Path temp;

  private final List<Event> events = new ArrayList<>();

  private BuildResult run(FakeSteps steps) throws Exception {
    return new StepsRunner(steps.request, events::add, steps).run();
  }

  private static List<String> withoutCli(List<String> calls) {
    return calls.stream()
        .filter(call -> !call.equals("prepareCli") && !call.equals("preparePlugins"))
        .toList();
  }

  private Path tarFile(FakeSteps steps) {
    return ((ImageTarget.TarFile) steps.request.target()).file();
  }

  private List<Path> tarDirectory(FakeSteps steps) throws Exception {
    Path directory = tarFile(steps).getParent();
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.toList();
    }
  }

  @Test
  void theStepsRunInTheDocumentedOrder() throws Exception {
    FakeSteps steps = new FakeSteps(temp, Optional.empty());

    run(steps);

    List<String> calls = steps.calls();
    assertThat(withoutCli(calls)).containsExactlyElementsOf(ORDER);
    assertThat(calls).containsOnlyOnce("prepareCli");
    assertThat(calls.indexOf("prepareCli"))
        .as("the CLI is ready before the target is prepared")
        .isLessThan(calls.indexOf("target"));
    assertThat(steps.compressed()).contains(true);
    assertThat(calls).containsOnlyOnce("preparePlugins");
    assertThat(calls.indexOf("preparePlugins"))
        .as("the plugins are resolved before the target is prepared")
        .isLessThan(calls.indexOf("target"));
  }

  @Test
  void aFailingPluginResolutionWritesNothing() throws Exception {
    FakeSteps steps = new FakeSteps(temp, Optional.of("preparePlugins"));

    assertThatThrownBy(() -> run(steps)).hasMessage("preparePlugins failed");

    assertThat(steps.calls()).doesNotContain("target", "editAccounts", "assemble", "write");
    assertThat(tarDirectory(steps)).isEmpty();
  }

  @Test
  void theResultIsWhatTheStepsGave() throws Exception {
    FakeSteps steps = new FakeSteps(temp, Optional.empty());

    BuildResult result = run(steps);

    assertThat(result.image()).isEqualTo("example/jenkins:1.0");
    assertThat(result.digest()).isEqualTo(FakeSteps.IMAGE.digest());
    assertThat(result.imageId()).isEqualTo(FakeSteps.IMAGE.imageId());
    assertThat(result.tags()).isEqualTo(FakeSteps.IMAGE.tags());
    assertThat(result.baseDigest()).isEqualTo(FakeSteps.BASE_DIGEST);
    assertThat(result.dockerCliVersion()).isEqualTo(FakeSteps.CLI.cli().version());
    assertThat(Files.readString(tarFile(steps))).isEqualTo("image");
    assertThat(events)
        .anySatisfy(
            event ->
                assertThat(event.toString())
                    .contains("Built example/jenkins:1.0@" + FakeSteps.IMAGE.digest()));
  }

  @Test
  void nothingIsReadOrWrittenBeforeTheChecksPass() throws Exception {
    FakeSteps steps = new FakeSteps(temp, Optional.of("check"));

    assertThatThrownBy(() -> run(steps))
        .isInstanceOf(EnvironmentException.class)
        .hasMessage("check failed");

    assertThat(steps.calls()).containsExactly("check");
    assertThat(tarDirectory(steps)).isEmpty();
    assertThat(temp.resolve("cache")).doesNotExist();
  }

  @Test
  void aFailingBaseReadSkipsTheCliCompressionAndWritesNothing() throws Exception {
    FakeSteps steps = new FakeSteps(temp, Optional.of("readBase"));

    assertThatThrownBy(() -> run(steps)).hasMessage("readBase failed");

    assertThat(steps.compressed())
        .as("the CLI step ended before the build did, without compressing")
        .contains(false);
    assertThat(steps.calls()).doesNotContain("mountBaseLayers", "target", "write");
    assertThat(tarDirectory(steps)).isEmpty();
  }

  @Test
  void aFailingAccountEditWritesNoImage() throws Exception {
    FakeSteps steps = new FakeSteps(temp, Optional.of("editAccounts"));

    assertThatThrownBy(() -> run(steps)).hasMessage("editAccounts failed");

    assertThat(steps.calls()).doesNotContain("planLayers", "assemble", "write");
    assertThat(tarDirectory(steps)).isEmpty();
  }

  @Test
  void aFailingWriteLeavesNoTarAndNoTemporaryFile() throws Exception {
    FakeSteps steps = new FakeSteps(temp, Optional.of("write"));

    assertThatThrownBy(() -> run(steps)).hasMessage("write failed");

    assertThat(tarDirectory(steps)).isEmpty();
  }

  @Test
  void anUnchangedRebuildOnlyChecksTheTarget() throws Exception {
    FakeSteps steps = new FakeSteps(temp, Optional.empty());
    BuildResult first = run(steps);
    int before = steps.calls().size();
    events.clear();

    BuildResult second = run(steps);

    assertThat(steps.calls().subList(before, steps.calls().size()))
        .containsExactly("check", "route", "connect", "inputs", "upToDate");
    assertThat(first.upToDate()).isFalse();
    assertThat(second.upToDate()).isTrue();
    assertThat(second.digest()).isEqualTo(first.digest());
    assertThat(second.tags()).isEqualTo(first.tags());
    assertThat(events)
        .anySatisfy(
            event ->
                assertThat(event.toString())
                    .contains("Up to date: example/jenkins:1.0@" + FakeSteps.IMAGE.digest()));
  }

  @Test
  void aTargetThatLostTheImageGetsItBuiltAgain() throws Exception {
    FakeSteps steps = new FakeSteps(temp, Optional.empty());
    run(steps);
    steps.targetHolds = false;
    int before = steps.calls().size();

    BuildResult second = run(steps);

    assertThat(second.upToDate()).isFalse();
    assertThat(steps.calls().subList(before, steps.calls().size()))
        .contains("readBase", "write", "remember");
  }

  @Test
  void aFailedBuildIsNotRemembered() throws Exception {
    FakeSteps steps = new FakeSteps(temp, Optional.of("write"));

    assertThatThrownBy(() -> run(steps)).hasMessage("write failed");

    assertThat(steps.calls()).doesNotContain("remember");
  }
}
