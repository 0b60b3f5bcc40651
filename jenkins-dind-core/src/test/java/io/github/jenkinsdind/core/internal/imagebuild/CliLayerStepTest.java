package io.github.jenkinsdind.core.internal.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.internal.cli.ResolvedCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CliLayerStepTest {
  private static final ResolvedCli CLI =
      new ResolvedCli(Path.of("/cache/docker"), "a".repeat(64), "c".repeat(64), "27.3.1", "test");
  private static final Path CACHE = Path.of("/cache/jib/application");

  private final List<String> prebuilt = new ArrayList<>();
  private final List<Event> events = new ArrayList<>();

  private CliLayerStep step() {
    return new CliLayerStep(
        platform -> CLI,
        (layer, cache) -> {
          prebuilt.add(layer.getName() + " into " + cache);
          return true;
        },
        CACHE,
        events::add);
  }

  @Test
  void theLayerIsBuiltIntoJibsApplicationCache() throws Exception {
    ResolvedCli cli = step().prepare(ImagePlatform.LINUX_AMD64, () -> false);

    assertThat(cli).isEqualTo(CLI);
    assertThat(prebuilt).containsExactly("docker-cli into " + CACHE);
    assertThat(events)
        .singleElement()
        .asString()
        .contains("compressed the docker-cli layer into Jib's cache");
  }

  @Test
  void theLayerIsNotBuiltOnceTheBaseHasFailed() throws Exception {
    ResolvedCli cli = step().prepare(ImagePlatform.LINUX_AMD64, () -> true);

    assertThat(cli).isEqualTo(CLI);
    assertThat(prebuilt).isEmpty();
    assertThat(events).isEmpty();
  }
}
