package io.github.jenkinsdind.core.internal.jib;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.cache.Cache;
import com.google.cloud.tools.jib.cache.CachedLayer;
import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerCacheTest {
  @TempDir Path temp;

  /** One file under a cache's layers directory, as found on disk. */
  private record LayerFile(String relativePath, long size, FileTime modified, Object fileKey) {}

  private Path binary(int size, long seed) throws IOException {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    Path binary = temp.resolve("docker-" + seed);
    Files.write(binary, bytes);
    return binary;
  }

  private static List<LayerFile> layerFiles(Path cache) throws IOException {
    Path layers = cache.resolve("layers");
    List<LayerFile> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(layers)) {
      for (Path path : walk.sorted().toList()) {
        if (path.equals(layers)) {
          continue;
        }
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        files.add(
            new LayerFile(
                layers.relativize(path).toString(),
                attributes.isDirectory() ? -1 : attributes.size(),
                attributes.lastModifiedTime(),
                attributes.fileKey()));
      }
    }
    return files;
  }

  /** The single cached layer blob: {@code layers/<digest>/<diff ID>}. */
  private static Path onlyLayerBlob(Path cache) throws IOException {
    try (Stream<Path> walk = Files.walk(cache.resolve("layers"))) {
      List<Path> blobs = walk.filter(Files::isRegularFile).toList();
      assertThat(blobs).hasSize(1);
      return blobs.get(0);
    }
  }

  private JibContainer containerize(FileEntriesLayer layer, Path tar, Path cache, Path base)
      throws Exception {
    return Jib.fromScratch()
        .addFileEntriesLayer(layer)
        .containerize(
            Containerizer.to(TarImage.at(tar).named("test/prebuilt:1"))
                .setApplicationLayersCache(cache)
                .setBaseImageLayersCache(base));
  }

  @Test
  void prebuildBuildsTheLayerOnceThenFindsItCached() throws Exception {
    Path binary = binary(300 * 1024, 1);
    Path cache = temp.resolve("cache");

    assertThat(LayerCache.prebuild(cliLayer(binary), cache)).isTrue();
    List<LayerFile> afterFirst = layerFiles(cache);
    assertThat(LayerCache.prebuild(cliLayer(binary), cache)).isFalse();

    assertThat(layerFiles(cache)).isEqualTo(afterFirst);
    Path blob = onlyLayerBlob(cache);
    Optional<CachedLayer> cached =
        Cache.withDirectory(cache).retrieve(ImmutableList.copyOf(cliLayer(binary).getEntries()));
    assertThat(cached).isPresent();
    assertThat(cached.get().getDigest().getHash())
        .isEqualTo(blob.getParent().getFileName().toString());
    assertThat(cached.get().getDiffId().getHash()).isEqualTo(blob.getFileName().toString());
    assertThat(cached.get().getSize()).isEqualTo(Files.size(blob));
  }

  @Test
  void anotherBinaryIsAnotherLayer() throws Exception {
    Path cache = temp.resolve("cache");

    assertThat(LayerCache.prebuild(cliLayer(binary(200 * 1024, 1)), cache)).isTrue();
    assertThat(LayerCache.prebuild(cliLayer(binary(200 * 1024, 2)), cache)).isTrue();

    try (Stream<Path> digests = Files.list(cache.resolve("layers"))) {
      assertThat(digests.filter(Files::isDirectory)).hasSize(2);
    }
  }

  @Test
  void thePrebuiltLayerIsTheOneJibBuildsAndJibUsesItAsItIs() throws Exception {
    Path binary = binary(400 * 1024, 7);
    Path cacheA = temp.resolve("cacheA");
    Path cacheB = temp.resolve("cacheB");
    assertThat(LayerCache.prebuild(cliLayer(binary), cacheA)).isTrue();
    List<LayerFile> before = layerFiles(cacheA);
    assertThat(before).hasSize(2); // layers/<digest> and layers/<digest>/<diff ID>
    assertThat(before.get(0).size()).isEqualTo(-1);
    assertThat(before.get(1).size()).isPositive();

    JibContainer withPrebuilt =
        containerize(cliLayer(binary), temp.resolve("a.tar"), cacheA, temp.resolve("baseA"));
    JibContainer byJibAlone =
        containerize(cliLayer(binary), temp.resolve("b.tar"), cacheB, temp.resolve("baseB"));

    // the same image ID (the config holds the diff IDs), another manifest (the layer's digest)
    assertThat(withPrebuilt.getImageId()).isEqualTo(byJibAlone.getImageId());
    assertThat(withPrebuilt.getDigest()).isNotEqualTo(byJibAlone.getDigest());
    // Jib found the prebuilt layer: the same single entry, the same file, not written again
    assertThat(layerFiles(cacheA)).isEqualTo(before);
    // and Jib alone built the same tar (the same diff ID), compressed its own way
    Path jibBlob = onlyLayerBlob(cacheB);
    Path prebuiltBlob = onlyLayerBlob(cacheA);
    assertThat(jibBlob.getFileName()).isEqualTo(prebuiltBlob.getFileName());
    assertThat(gunzip(prebuiltBlob)).isEqualTo(gunzip(jibBlob));
  }

  private static byte[] gunzip(Path blob) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(blob))) {
      return in.readAllBytes();
    }
  }

  @Test
  void theLayerHoldsTheBinaryAtUsrLocalBinDockerRootOwnedAndExecutable() throws Exception {
    Path binary = binary(250 * 1024 + 3, 11);
    Path cache = temp.resolve("cache");
    assertThat(LayerCache.prebuild(cliLayer(binary), cache)).isTrue();

    List<String> directories = new ArrayList<>();
    List<String> files = new ArrayList<>();
    try (InputStream in = Files.newInputStream(onlyLayerBlob(cache));
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (entry.isDirectory()) {
          directories.add(entry.getName());
          continue;
        }
        files.add(entry.getName());
        assertThat(entry.getName()).isEqualTo("usr/local/bin/docker");
        assertThat(entry.isFile()).isTrue();
        assertThat(entry.getMode() & 07777).isEqualTo(0755);
        assertThat(entry.getLongUserId()).isZero();
        assertThat(entry.getLongGroupId()).isZero();
        assertThat(entry.getModTime().toInstant())
            .isEqualTo(FileEntriesLayer.DEFAULT_MODIFICATION_TIME);
        assertThat(entry.getSize()).isEqualTo(Files.size(binary));
        assertThat(tar.readAllBytes()).isEqualTo(Files.readAllBytes(binary));
      }
    }
    assertThat(files).containsExactly("usr/local/bin/docker");
    assertThat(directories).isSubsetOf("usr/", "usr/local/", "usr/local/bin/");
  }

  /** A layer shaped as the build's docker-cli layer: one root-owned 0755 binary. */
  static FileEntriesLayer cliLayer(Path binary) {
    return FileEntriesLayer.builder()
        .setName("docker-cli")
        .addEntry(
            new FileEntry(
                binary,
                AbsoluteUnixPath.get("/usr/local/bin/docker"),
                FilePermissions.fromOctalString("755"),
                FileEntriesLayer.DEFAULT_MODIFICATION_TIME,
                "0:0"))
        .build();
  }
}
