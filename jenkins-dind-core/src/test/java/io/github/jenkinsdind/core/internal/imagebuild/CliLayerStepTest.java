package io.github.jenkinsdind.core.internal.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.internal.cli.BinaryKind;
import io.github.jenkinsdind.core.internal.cli.ResolvedBinary;
import io.github.jenkinsdind.core.internal.cli.Toolchain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CliLayerStepTest {
  private static final ResolvedBinary CLI = binary(BinaryKind.DOCKER_CLI, "27.3.1");
  private static final ResolvedBinary BUILDX = binary(BinaryKind.BUILDX, "0.34.0");
  private static final ResolvedBinary COMPOSE = binary(BinaryKind.COMPOSE, "5.1.3");
  private static final Path CACHE = Path.of("/cache/jib/application");

  private final List<String> prebuilt = new ArrayList<>();
  private final List<Event> events = new ArrayList<>();

  private static ResolvedBinary binary(BinaryKind kind, String version) {
    return new ResolvedBinary(
        kind, Path.of("/cache/" + kind.key()), "a".repeat(64), "c".repeat(64), version, "test");
  }

  private CliLayerStep step(Toolchain toolchain) {
    return new CliLayerStep(
        platform -> toolchain,
        new CliLayerStep.Prebuild() {
          @Override
          public boolean prebuild(FileEntriesLayer layer, Path cache) {
            prebuilt.add(layer.getName() + " into " + cache);
            return true;
          }

          @Override
          public boolean prebuildComposeLink(Path cache) {
            prebuilt.add("docker-compose-link into " + cache);
            return true;
          }
        },
        CACHE,
        events::add);
  }

  @Test
  void theLayerIsBuiltIntoJibsApplicationCache() throws Exception {
    Toolchain cli =
        step(new Toolchain(CLI, List.of())).prepare(ImagePlatform.LINUX_AMD64, () -> false);

    assertThat(cli.cli()).isEqualTo(CLI);
    assertThat(prebuilt).containsExactly("docker-cli into " + CACHE);
    assertThat(events)
        .singleElement()
        .asString()
        .contains("compressed the docker-cli layer into Jib's cache");
  }

  @Test
  void eachPluginGetsALayerOfItsOwnAndComposeItsLink() throws Exception {
    step(new Toolchain(CLI, List.of(BUILDX, COMPOSE)))
        .prepare(ImagePlatform.LINUX_AMD64, () -> false);

    assertThat(prebuilt)
        .containsExactly(
            "docker-cli into " + CACHE,
            "docker-buildx into " + CACHE,
            "docker-compose into " + CACHE,
            "docker-compose-link into " + CACHE);
  }

  @Test
  void theLayerIsNotBuiltOnceTheBaseHasFailed() throws Exception {
    Toolchain cli =
        step(new Toolchain(CLI, List.of(BUILDX))).prepare(ImagePlatform.LINUX_AMD64, () -> true);

    assertThat(cli.cli()).isEqualTo(CLI);
    assertThat(prebuilt).isEmpty();
    assertThat(events).isEmpty();
  }
}
