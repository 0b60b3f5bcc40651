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
import com.google.cloud.tools.jib.image.ReproducibleLayerBuilder;
import com.google.common.collect.ImmutableList;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MemberLayers} against jib-core's own cache: the layer of a real ELF binary (the JVM's
 * {@code libjvm.so}, 20-odd MB, so many members), written into jib-core 0.27.3's layout.
 */
class MemberLayersTest {
  @TempDir Path temp;

  /** A real binary every test run has: the running JVM's own library. */
  private static Path realBinary() {
    Path libjvm = Path.of(System.getProperty("java.home"), "lib", "server", "libjvm.so");
    assertThat(libjvm).isRegularFile();
    return libjvm;
  }

  /** A layer as the build plans one: a root-owned 0755 binary, and a file owned by a user. */
  private FileEntriesLayer layer() throws IOException {
    Path note = temp.resolve("note.txt");
    Files.writeString(note, "owned by jenkins\n");
    return FileEntriesLayer.builder()
        .setName("docker-buildx")
        .addEntry(
            new FileEntry(
                realBinary(),
                AbsoluteUnixPath.get("/usr/local/libexec/docker/cli-plugins/docker-buildx"),
                FilePermissions.fromOctalString("755"),
                FileEntriesLayer.DEFAULT_MODIFICATION_TIME,
                "0:0"))
        .addEntry(
            new FileEntry(
                note,
                AbsoluteUnixPath.get("/var/jenkins_home/note.txt"),
                FilePermissions.fromOctalString("644"),
                FileEntriesLayer.DEFAULT_MODIFICATION_TIME,
                "1000:1000"))
        .build();
  }

  private static ImmutableList<FileEntry> entries(FileEntriesLayer layer) {
    return ImmutableList.copyOf(layer.getEntries());
  }

  private static byte[] jibTar(FileEntriesLayer layer) throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    new ReproducibleLayerBuilder(entries(layer)).build().writeTo(tar);
    return tar.toByteArray();
  }

  private static List<Path> blobs(Path cache) throws IOException {
    try (Stream<Path> walk = Files.walk(cache.resolve("layers"))) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void theTarIsJibsOwnSoTheDiffIdIsJibsAndEveryReaderReadsIt() throws Exception {
    FileEntriesLayer layer = layer();
    Path cache = temp.resolve("cache");

    MemberLayers.Written written = MemberLayers.write(entries(layer), cache, 2);

    byte[] tar = jibTar(layer);
    Path blob = MemberLayers.layerFile(cache, written.digest(), written.diffId());
    assertThat(blobs(cache)).containsExactly(blob);
    try (InputStream in = new GZIPInputStream(Files.newInputStream(blob))) {
      assertThat(in.readAllBytes()).isEqualTo(tar);
    }
    try (InputStream in =
        GzipCompressorInputStream.builder()
            .setInputStream(Files.newInputStream(blob))
            .setDecompressConcatenated(true)
            .get()) {
      assertThat(in.readAllBytes()).isEqualTo(tar);
    }
    // more than one member: a reader that stopped after the first would have read 1 MiB
    assertThat(tar.length).isGreaterThan(3 * MemberLayers.CHUNK);
    // Jib's cache finds it under the entries, as it was written
    CachedLayer cached = Cache.withDirectory(cache).retrieve(entries(layer)).orElseThrow();
    assertThat(cached.getDigest()).isEqualTo(written.digest());
    assertThat(cached.getDiffId()).isEqualTo(written.diffId());
    assertThat(cached.getSize()).isEqualTo(Files.size(blob));
    assertThat(MemberLayers.cached(entries(layer), cache)).isTrue();
  }

  @Test
  void theSameBytesWhateverTheThreadCount() throws Exception {
    FileEntriesLayer layer = layer();

    MemberLayers.Written one = MemberLayers.write(entries(layer), temp.resolve("one"), 1);
    MemberLayers.Written three = MemberLayers.write(entries(layer), temp.resolve("three"), 3);

    assertThat(three).isEqualTo(one);
    assertThat(Files.readAllBytes(blobs(temp.resolve("three")).get(0)))
        .isEqualTo(Files.readAllBytes(blobs(temp.resolve("one")).get(0)));
  }

  @Test
  void jibBuildsTheSameImageIdFromItAndDoesNotCompressItAgain() throws Exception {
    FileEntriesLayer layer = layer();
    Path prebuilt = temp.resolve("prebuilt");
    MemberLayers.Written written = MemberLayers.write(entries(layer), prebuilt, 2);
    List<Path> before = blobs(prebuilt);

    JibContainer withPrebuilt = containerize(layer, prebuilt, "a");
    JibContainer byJibAlone = containerize(layer, temp.resolve("alone"), "b");

    assertThat(withPrebuilt.getImageId()).isEqualTo(byJibAlone.getImageId());
    assertThat(blobs(prebuilt)).isEqualTo(before);
    Path jibBlob = blobs(temp.resolve("alone")).get(0);
    assertThat(jibBlob.getFileName().toString()).isEqualTo(written.diffId().getHash());
    assertThat(jibBlob.getParent().getFileName().toString())
        .isNotEqualTo(written.digest().getHash());
  }

  @Test
  void aLayerJibCompressedItselfIsNotOursAndIsReplaced() throws Exception {
    FileEntriesLayer layer = layer();
    Path cache = temp.resolve("cache");
    Cache jib = Cache.withDirectory(cache);
    CachedLayer byJib =
        jib.writeUncompressedLayer(
            new ReproducibleLayerBuilder(entries(layer)).build(), entries(layer));
    assertThat(MemberLayers.cached(entries(layer), cache)).isFalse();

    assertThat(LayerCache.prebuild(layer, cache)).isTrue();

    CachedLayer now = jib.retrieve(entries(layer)).orElseThrow();
    assertThat(now.getDiffId()).isEqualTo(byJib.getDiffId());
    assertThat(now.getDigest()).isNotEqualTo(byJib.getDigest());
    assertThat(MemberLayers.cached(entries(layer), cache)).isTrue();
    assertThat(LayerCache.prebuild(layer, cache)).isFalse();
    try (Stream<Path> temporary = Files.list(cache.resolve("tmp"))) {
      assertThat(temporary).isEmpty();
    }
  }

  private JibContainer containerize(FileEntriesLayer layer, Path cache, String name)
      throws Exception {
    return Jib.fromScratch()
        .addFileEntriesLayer(layer)
        .containerize(
            Containerizer.to(TarImage.at(temp.resolve(name + ".tar")).named("test/members:1"))
                .setApplicationLayersCache(cache)
                .setBaseImageLayersCache(temp.resolve(name + "-base")));
  }
}
