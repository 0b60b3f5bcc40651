package io.github.jenkinsdind.core.internal.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.Setting;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TarBaseSourceTest {
  private static final ImagePlatform ARM64 = new ImagePlatform("linux", "arm64");

  @TempDir Path dir;
  private final List<Event> events = new ArrayList<>();

  private static final byte[] BOTTOM =
      new TestTar()
          .file("etc/group", "root:x:0:\n")
          .file("etc/passwd", "root:x:0:0::/root:/bin/sh\n")
          .tar();
  private static final byte[] TOP =
      new TestTar().file("etc/group", "root:x:0:\njenkins:x:1000:\n").gzip();

  private static final DockerSaveTar.Image JENKINS =
      new DockerSaveTar.Image(
          List.of("jenkins/jenkins:lts"), "linux", "amd64", List.of(BOTTOM, TOP));

  @ParameterizedTest
  @EnumSource(DockerSaveTar.Layout.class)
  void resolvesTheImageAndOpensItsLayers(DockerSaveTar.Layout layout) throws Exception {
    Path file = dir.resolve("jenkins.tar");
    DockerSaveTar.write(file, layout, JENKINS);

    try (TarBaseSource source = new TarBaseSource(file, null, events::add)) {
      BaseManifest manifest = source.resolve(ImagePlatform.LINUX_AMD64);

      assertThat(source.describe()).isEqualTo("tar file " + file);
      assertThat(manifest.digest()).isEqualTo(JENKINS.id());
      assertThat(manifest.platform()).isEqualTo(ImagePlatform.LINUX_AMD64);
      assertThat(manifest.layers()).hasSize(2);
      assertThat(manifest.layers().get(0).size()).isEqualTo(BOTTOM.length);
      try (InputStream bottom = source.openLayer(manifest.layers().get(0));
          InputStream top = source.openLayer(manifest.layers().get(1))) {
        assertThat(bottom.readAllBytes()).isEqualTo(BOTTOM);
        assertThat(top.readAllBytes()).isEqualTo(TOP);
      }
    }
    assertThat(events).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(DockerSaveTar.Layout.class)
  void severalImagesTakesTheFirstOrTheSelectedOne(DockerSaveTar.Layout layout) throws Exception {
    DockerSaveTar.Image other =
        new DockerSaveTar.Image(
            List.of("my/jenkins:2", "my/jenkins:latest"), "linux", "amd64", List.of(BOTTOM));
    DockerSaveTar.Image untagged =
        new DockerSaveTar.Image(List.of(), "linux", "amd64", List.of(TOP, BOTTOM));
    Path file = dir.resolve("three.tar");
    DockerSaveTar.write(file, layout, JENKINS, other, untagged);

    try (TarBaseSource first = new TarBaseSource(file, null, events::add)) {
      assertThat(first.resolve(ImagePlatform.LINUX_AMD64).digest()).isEqualTo(JENKINS.id());
    }
    assertThat(events)
        .singleElement()
        .isEqualTo(
            Event.debug(
                "tar file "
                    + file
                    + " holds 3 images; using the first, tagged jenkins/jenkins:lts"));

    try (TarBaseSource byTag = new TarBaseSource(file, "my/jenkins:latest", events::add)) {
      BaseManifest m = byTag.resolve(ImagePlatform.LINUX_AMD64);
      assertThat(m.digest()).isEqualTo(other.id());
      assertThat(m.layers()).hasSize(1);
    }
    try (TarBaseSource byId = new TarBaseSource(file, untagged.id(), events::add)) {
      BaseManifest m = byId.resolve(ImagePlatform.LINUX_AMD64);
      assertThat(m.digest()).isEqualTo(untagged.id());
      // the same layer content twice: a symbolic link in the legacy layout, one blob in the other
      try (InputStream in = byId.openLayer(m.layers().get(1))) {
        assertThat(in.readAllBytes()).isEqualTo(BOTTOM);
      }
    }
    try (TarBaseSource missing = new TarBaseSource(file, "my/jenkins:3", events::add)) {
      assertThatThrownBy(() -> missing.resolve(ImagePlatform.LINUX_AMD64))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("holds no image my/jenkins:3")
          .hasMessageContaining("my/jenkins:latest");
    }
  }

  @Test
  void aPlatformMismatchSaysWhichPlatformTheTarHas() throws Exception {
    Path file = dir.resolve("arm.tar");
    DockerSaveTar.write(
        file,
        DockerSaveTar.Layout.LEGACY,
        new DockerSaveTar.Image(List.of("j:1"), "linux", "arm64", List.of(TOP)));

    try (TarBaseSource source = new TarBaseSource(file, null, events::add)) {
      assertThatThrownBy(() -> source.resolve(ImagePlatform.LINUX_AMD64))
          .isInstanceOfSatisfying(
              ConfigurationException.class,
              e -> {
                assertThat(e.setting()).contains(Setting.FROM);
                assertThat(e.value()).contains("tar://" + file);
                assertThat(e.suggestion())
                    .hasValueSatisfying(
                        s ->
                            assertThat(s)
                                .startsWith("perhaps you should set platform to linux/arm64"));
              })
          .hasMessage("the base image in tar file " + file + " is linux/arm64, not linux/amd64");
      assertThat(source.resolve(ARM64).platform()).isEqualTo(ARM64);
    }
  }

  @Test
  void aMissingFileIsAConfigurationError() throws Exception {
    Path file = dir.resolve("nowhere.tar");
    try (TarBaseSource source = new TarBaseSource(file, null, events::add)) {
      assertThatThrownBy(() -> source.resolve(ImagePlatform.LINUX_AMD64))
          .isInstanceOfSatisfying(
              ConfigurationException.class, e -> assertThat(e.setting()).contains(Setting.FROM))
          .hasMessageContaining(file.toString())
          .hasMessageContaining("does not exist");
    }
  }

  @Test
  void aTarWithoutManifestIsNotADockerSaveTar() throws Exception {
    Path plain = dir.resolve("layer.tar");
    Files.write(plain, new TestTar().file("etc/group", "x\n").tar());
    try (TarBaseSource source = new TarBaseSource(plain, null, events::add)) {
      assertThatThrownBy(() -> source.resolve(ImagePlatform.LINUX_AMD64))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "the base image tar file "
                  + plain
                  + " is not a docker save tar: it has no manifest.json")
          .satisfies(
              e ->
                  assertThat(((ConfigurationException) e).suggestion())
                      .contains(
                          "perhaps you should create it with docker save -o " + plain + " IMAGE"));
    }

    Path oci = dir.resolve("oci.tar");
    Files.write(oci, new TestTar().file("index.json", "{}").file("oci-layout", "{}").tar());
    try (TarBaseSource source = new TarBaseSource(oci, null, events::add)) {
      assertThatThrownBy(() -> source.resolve(ImagePlatform.LINUX_AMD64))
          .hasMessageContaining("an OCI image layout without the manifest.json of docker save");
    }

    Path gz = dir.resolve("jenkins.tar.gz");
    Path saved = dir.resolve("saved.tar");
    DockerSaveTar.write(saved, DockerSaveTar.Layout.LEGACY, JENKINS);
    Files.write(gz, TestTar.gzip(Files.readAllBytes(saved)));
    try (TarBaseSource source = new TarBaseSource(gz, null, events::add)) {
      assertThatThrownBy(() -> source.resolve(ImagePlatform.LINUX_AMD64))
          .hasMessageContaining("it is gzip-compressed")
          .satisfies(
              e ->
                  assertThat(((ConfigurationException) e).suggestion().orElseThrow())
                      .contains("gunzip"));
    }

    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "not a tar at all");
    try (TarBaseSource source = new TarBaseSource(text, null, events::add)) {
      assertThatThrownBy(() -> source.resolve(ImagePlatform.LINUX_AMD64))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("is not a docker save tar");
    }
  }

  @Test
  void theLayerWalkerReadsTheTarsLayers() throws Exception {
    Path file = dir.resolve("jenkins.tar");
    DockerSaveTar.write(file, DockerSaveTar.Layout.BLOBS, JENKINS);
    try (TarBaseSource source = new TarBaseSource(file, null, events::add)) {
      BaseManifest m = source.resolve(ImagePlatform.LINUX_AMD64);
      List<LayerWalker.Layer> topDown = new ArrayList<>();
      for (int i = m.layers().size() - 1; i >= 0; i--) {
        BaseManifest.Layer layer = m.layers().get(i);
        topDown.add(new LayerWalker.Layer("layer " + (i + 1), () -> source.openLayer(layer)));
      }
      LayerWalker.Result r = LayerWalker.walk(topDown, Set.of("/etc/group", "/etc/passwd"));
      assertThat(
              new String(
                  r.files().get("/etc/group").content(), java.nio.charset.StandardCharsets.UTF_8))
          .contains("jenkins:x:1000:");
      assertThat(r.foundInLayer()).containsEntry("/etc/group", 0).containsEntry("/etc/passwd", 1);
    }
  }
}
