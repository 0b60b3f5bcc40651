package io.github.jenkinsdind.core.internal.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.tools.jib.api.DockerClient;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.internal.base.BaseManifest;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonTargetWriterTest {
  private static final List<BaseManifest.Layer> LAYERS =
      List.of(
          new BaseManifest.Layer(digest('a'), 1000, "application/vnd.oci.image.layer.v1.tar+gzip"),
          new BaseManifest.Layer(digest('b'), 2000, "application/vnd.oci.image.layer.v1.tar+gzip"));
  private static final List<String> DIFF_IDS = List.of(digest('1'), digest('2'));
  private static final Set<String> HELD = Set.of("a".repeat(64));
  private static final WrittenImage IMAGE =
      new WrittenImage("sha256:" + "d".repeat(64), "sha256:" + "e".repeat(64), Set.of("1.0"));

  @TempDir Path temp;

  /** What happened, in order: the clients made and the writes. */
  private final List<String> log = new ArrayList<>();

  private final List<Event> events = new ArrayList<>();
  private final List<String> remembered = new ArrayList<>();

  private static String digest(char c) {
    return "sha256:" + String.valueOf(c).repeat(64);
  }

  private static DockerClient client() {
    return (DockerClient)
        Proxy.newProxyInstance(
            DockerClient.class.getClassLoader(),
            new Class<?>[] {DockerClient.class},
            (proxy, method, args) -> {
              throw new UnsupportedOperationException(method.getName());
            });
  }

  /** A Jib write whose first {@code refusals} calls fail as a daemon refusing the tar would. */
  private ImageWrite jib(int refusals) {
    return (builder, containerizer) -> {
      long writes = log.stream().filter(entry -> entry.startsWith("write")).count();
      log.add("write " + (writes + 1));
      if (writes < refusals) {
        throw new EnvironmentException("the daemon refused the tar", new RuntimeException());
      }
      return IMAGE;
    };
  }

  private DaemonTargetWriter writer(Optional<List<String>> pulled, ImageWrite jib)
      throws Exception {
    CacheLayout layout = new CacheLayout(temp.resolve("cache"));
    BuildRequest request =
        BuildRequest.from("jenkins/jenkins:lts")
            .to(ImageTarget.dockerDaemon("example/j:1.0", Set.of()))
            .cacheDirectory(layout.root())
            .build();
    return new DaemonTargetWriter(
        ImageReference.parse("example/j:1.0"),
        new ContainerizerSettings(request, layout, events::add),
        jib,
        (held, whole) -> {
          log.add("client " + held.size() + " held, whole image on refusal: " + whole);
          return client();
        },
        () -> pulled,
        new DaemonTargetWriter.BaseInDaemon(LAYERS, HELD, remembered::add),
        layout,
        events::add);
  }

  private List<Path> tmp() throws Exception {
    Path tmp = temp.resolve("cache").resolve("tmp");
    if (!Files.isDirectory(tmp)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(tmp)) {
      return files.toList();
    }
  }

  private boolean said(String text) {
    return events.stream().anyMatch(event -> event.toString().contains(text));
  }

  @Test
  void onAPulledBaseOnlyTheBuildsLayersAreLoaded() throws Exception {
    WrittenImage image = writer(Optional.of(DIFF_IDS), jib(0)).write(Jib.fromScratch());

    assertThat(image).isEqualTo(IMAGE);
    assertThat(log).containsExactly("client 2 held, whole image on refusal: false", "write 1");
    assertThat(remembered).containsExactly(IMAGE.imageId());
    assertThat(tmp()).as("the stand-ins are deleted").isEmpty();
  }

  @Test
  void whenTheDaemonRefusesTheLoadWithoutTheBaseTheImageIsLoadedTheUsualWay() throws Exception {
    WrittenImage image = writer(Optional.of(DIFF_IDS), jib(1)).write(Jib.fromScratch());

    assertThat(image).isEqualTo(IMAGE);
    assertThat(log)
        .containsExactly(
            "client 2 held, whole image on refusal: false",
            "write 1",
            "client 1 held, whole image on refusal: true",
            "write 2");
    assertThat(said("Loading the image without the base's layers failed")).isTrue();
    assertThat(remembered).containsExactly(IMAGE.imageId());
    assertThat(tmp()).isEmpty();
  }

  @Test
  void withoutAPullTheImageIsLoadedTheUsualWay() throws Exception {
    WrittenImage image = writer(Optional.empty(), jib(0)).write(Jib.fromScratch());

    assertThat(image).isEqualTo(IMAGE);
    assertThat(log).containsExactly("client 1 held, whole image on refusal: true", "write 1");
  }

  @Test
  void layersThatDoNotMatchTheManifestAreNotStoodIn() throws Exception {
    writer(Optional.of(DIFF_IDS.subList(0, 1)), jib(0)).write(Jib.fromScratch());

    assertThat(log).containsExactly("client 1 held, whole image on refusal: true", "write 1");
    assertThat(said("do not match its manifest")).isTrue();
  }

  @Test
  void aFailureOfTheUsualLoadIsTheBuildsAndNothingIsRemembered() throws Exception {
    DaemonTargetWriter writer = writer(Optional.of(DIFF_IDS), jib(2));

    assertThatThrownBy(() -> writer.write(Jib.fromScratch()))
        .hasMessage("the daemon refused the tar");
    assertThat(remembered).isEmpty();
    assertThat(tmp()).isEmpty();
  }
}
