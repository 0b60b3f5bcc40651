package io.github.jenkinsdind.core.internal.jib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.cache.Cache;
import com.google.cloud.tools.jib.cache.CachedLayer;
import com.google.cloud.tools.jib.image.json.ContainerConfigurationTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandInLayersTest {
  private static final List<RegistryManifest.Blob> LAYERS =
      List.of(
          new RegistryManifest.Blob(digest('a'), 1000),
          new RegistryManifest.Blob(digest('b'), 2000),
          new RegistryManifest.Blob(digest('c'), 3000));

  private static final List<String> DIFF_IDS = List.of(digest('1'), digest('2'), digest('3'));

  @TempDir Path temp;

  private static String digest(char c) {
    return "sha256:" + String.valueOf(c).repeat(64);
  }

  private static List<Path> children(Path directory) throws Exception {
    if (!Files.exists(directory)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(directory)) {
      return list.toList();
    }
  }

  @Test
  void jibReadsEachStandInUnderItsDigestWithItsDiffId() throws Exception {
    Path parent = temp.resolve("tmp");
    Path baseCache = temp.resolve("base");

    Optional<StandInLayers> written = StandInLayers.write(parent, LAYERS, DIFF_IDS, baseCache);

    assertThat(written).isPresent();
    try (StandInLayers standIns = written.get()) {
      assertThat(standIns.directory().getParent()).isEqualTo(parent);
      Cache cache = Cache.withDirectory(standIns.directory());
      for (int i = 0; i < LAYERS.size(); i++) {
        Optional<CachedLayer> layer =
            cache.retrieve(DescriptorDigest.fromDigest(LAYERS.get(i).digest()));
        assertThat(layer).isPresent();
        assertThat(layer.get().getDigest().toString()).isEqualTo(LAYERS.get(i).digest());
        assertThat(layer.get().getDiffId().toString()).isEqualTo(DIFF_IDS.get(i));
      }
      // nothing under the digest of a layer the base does not have
      assertThat(cache.retrieve(DescriptorDigest.fromDigest(digest('d')))).isEmpty();
    }
  }

  @Test
  void aLayerListedTwiceHasOneStandIn() throws Exception {
    // bases repeat the empty layer: the same digest and diff ID twice
    List<RegistryManifest.Blob> layers = List.of(LAYERS.get(0), LAYERS.get(1), LAYERS.get(0));
    List<String> diffIds = List.of(DIFF_IDS.get(0), DIFF_IDS.get(1), DIFF_IDS.get(0));

    Optional<StandInLayers> written =
        StandInLayers.write(temp.resolve("tmp"), layers, diffIds, temp.resolve("base"));

    assertThat(written).isPresent();
    try (StandInLayers standIns = written.get()) {
      Cache cache = Cache.withDirectory(standIns.directory());
      assertThat(cache.retrieve(DescriptorDigest.fromDigest(LAYERS.get(0).digest())))
          .hasValueSatisfying(
              layer -> assertThat(layer.getDiffId().toString()).isEqualTo(DIFF_IDS.get(0)));
    }
  }

  @Test
  void oneDigestWithTwoDiffIdsGivesNothing() throws Exception {
    List<RegistryManifest.Blob> layers = List.of(LAYERS.get(0), LAYERS.get(0));
    List<String> diffIds = List.of(DIFF_IDS.get(0), DIFF_IDS.get(1));
    Path parent = temp.resolve("tmp");

    assertThat(StandInLayers.write(parent, layers, diffIds, temp.resolve("base"))).isEmpty();
    assertThat(children(parent)).isEmpty();
  }

  @Test
  void listsOfDifferentSizesGiveNothingAndLeaveNoDirectory() throws Exception {
    Path parent = temp.resolve("tmp");
    Files.createDirectories(parent);
    Path baseCache = temp.resolve("base");

    assertThat(StandInLayers.write(parent, LAYERS, DIFF_IDS.subList(0, 2), baseCache)).isEmpty();
    assertThat(StandInLayers.write(parent, LAYERS.subList(0, 1), DIFF_IDS, baseCache)).isEmpty();

    assertThat(children(parent)).isEmpty();
  }

  @Test
  void anEmptyLayerListGivesNothingAndLeavesNoDirectory() throws Exception {
    Path parent = temp.resolve("tmp");
    Files.createDirectories(parent);

    assertThat(StandInLayers.write(parent, List.of(), List.of(), temp.resolve("base"))).isEmpty();

    assertThat(children(parent)).isEmpty();
  }

  @Test
  void aDigestJibCannotReadGivesNothingAndLeavesNoDirectory() throws Exception {
    Path parent = temp.resolve("tmp");
    List<RegistryManifest.Blob> layers =
        List.of(LAYERS.get(0), new RegistryManifest.Blob("sha256:not-a-digest", 10));

    assertThat(StandInLayers.write(parent, layers, DIFF_IDS.subList(0, 2), temp.resolve("base")))
        .isEmpty();

    assertThat(children(parent)).isEmpty();
  }

  @Test
  void aDiffIdJibCannotReadGivesNothingAndLeavesNoDirectory() throws Exception {
    Path parent = temp.resolve("tmp");

    assertThat(
            StandInLayers.write(
                parent,
                LAYERS.subList(0, 2),
                List.of(DIFF_IDS.get(0), "sha256:short"),
                temp.resolve("base")))
        .isEmpty();

    assertThat(children(parent)).isEmpty();
  }

  @Test
  void theImagesDirectoryIsALinkToTheRealCachesMetadata() throws Exception {
    Path baseCache = temp.resolve("base");
    assertThat(baseCache).doesNotExist();

    try (StandInLayers standIns =
        StandInLayers.write(temp.resolve("tmp"), LAYERS, DIFF_IDS, baseCache).orElseThrow()) {
      Path images = standIns.directory().resolve("images");

      assertThat(baseCache.resolve("images")).isDirectory();
      assertThat(Files.isSymbolicLink(images)).isTrue();
      assertThat(Files.readSymbolicLink(images))
          .isEqualTo(baseCache.resolve("images").toAbsolutePath());
      assertThat(images.toRealPath()).isEqualTo(baseCache.resolve("images").toRealPath());

      Path written = images.resolve("registry.example/jenkins/manifests.json");
      Files.createDirectories(written.getParent());
      Files.writeString(written, "{}", StandardCharsets.UTF_8);

      assertThat(baseCache.resolve("images/registry.example/jenkins/manifests.json"))
          .hasContent("{}");
    }
  }

  @Test
  void closeDeletesTheStandInsButNotTheMetadataBehindTheLink() throws Exception {
    Path parent = temp.resolve("tmp");
    Path baseCache = temp.resolve("base");
    Path kept = baseCache.resolve("images/registry.example/jenkins/sha256/manifest.json");
    Files.createDirectories(kept.getParent());
    Files.writeString(kept, "manifest", StandardCharsets.UTF_8);
    Path layerInRealCache = baseCache.resolve("layers/" + "e".repeat(64) + "/" + "f".repeat(64));
    Files.createDirectories(layerInRealCache.getParent());
    Files.writeString(layerInRealCache, "real layer", StandardCharsets.UTF_8);

    StandInLayers standIns = StandInLayers.write(parent, LAYERS, DIFF_IDS, baseCache).orElseThrow();
    Path directory = standIns.directory();
    assertThat(directory.resolve("layers")).isDirectory();

    standIns.close();

    assertThat(directory).doesNotExist();
    assertThat(children(parent)).isEmpty();
    assertThat(kept).hasContent("manifest");
    assertThat(layerInRealCache).hasContent("real layer");
    // closing twice is harmless
    standIns.close();
    assertThat(kept).hasContent("manifest");
  }

  @Test
  void theLayersOfABaseAreReadFromJibsMetadata() throws Exception {
    Path baseCache = temp.resolve("base");
    ImageReference base = ImageReference.parse("registry.example/jenkins/jenkins@" + digest('9'));
    V22ManifestTemplate manifest = new V22ManifestTemplate();
    manifest.setContainerConfiguration(1234, DescriptorDigest.fromDigest(digest('8')));
    manifest.addLayer(1111, DescriptorDigest.fromDigest(digest('a')));
    manifest.addLayer(2222, DescriptorDigest.fromDigest(digest('b')));
    ContainerConfigurationTemplate configuration = new ContainerConfigurationTemplate();
    configuration.setArchitecture("amd64");
    configuration.setOs("linux");
    configuration.addLayerDiffId(DescriptorDigest.fromDigest(digest('1')));
    configuration.addLayerDiffId(DescriptorDigest.fromDigest(digest('2')));
    Cache.withDirectory(baseCache).writeMetadata(base, manifest, configuration);

    Optional<List<RegistryManifest.Blob>> layers =
        StandInLayers.layersInJibMetadata(baseCache, base);

    assertThat(layers).isPresent();
    assertThat(layers.get())
        .extracting(RegistryManifest.Blob::digest, RegistryManifest.Blob::size)
        .containsExactly(tuple(digest('a'), 1111L), tuple(digest('b'), 2222L));
  }

  @Test
  void aBaseWithoutMetadataHasNoLayersInJibsMetadata() throws Exception {
    Path baseCache = temp.resolve("base");
    ImageReference other = ImageReference.parse("registry.example/jenkins/jenkins@" + digest('7'));

    assertThat(StandInLayers.layersInJibMetadata(baseCache, other)).isEmpty();

    V22ManifestTemplate manifest = new V22ManifestTemplate();
    manifest.setContainerConfiguration(1234, DescriptorDigest.fromDigest(digest('8')));
    manifest.addLayer(1111, DescriptorDigest.fromDigest(digest('a')));
    ContainerConfigurationTemplate configuration = new ContainerConfigurationTemplate();
    configuration.setArchitecture("amd64");
    configuration.setOs("linux");
    Cache.withDirectory(baseCache)
        .writeMetadata(
            ImageReference.parse("registry.example/jenkins/jenkins@" + digest('9')),
            manifest,
            configuration);

    assertThat(StandInLayers.layersInJibMetadata(baseCache, other)).isEmpty();
  }
}
