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
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkLayersTest {
  private static final String TARGET = "../libexec/docker/cli-plugins/docker-compose";

  @TempDir Path temp;

  private FileEntriesLayer placeholder() throws Exception {
    Path script = temp.resolve("placeholder/docker-compose");
    Files.createDirectories(script.getParent());
    Files.writeString(script, "#!/bin/sh\nexec docker compose \"$@\"\n");
    return FileEntriesLayer.builder()
        .setName("docker-compose-link")
        .addEntry(
            new FileEntry(
                script,
                AbsoluteUnixPath.get("/usr/local/bin/docker-compose"),
                FilePermissions.fromOctalString("755"),
                FileEntriesLayer.DEFAULT_MODIFICATION_TIME,
                "0:0"))
        .build();
  }

  private JibContainer containerize(FileEntriesLayer layer, Path tar, Path cache) throws Exception {
    return Jib.fromScratch()
        .addFileEntriesLayer(layer)
        .containerize(
            Containerizer.to(TarImage.at(tar).named("test/link:1"))
                .setApplicationLayersCache(cache)
                .setBaseImageLayersCache(temp.resolve("base")));
  }

  /** The entries of the image tar's only layer, as {@code name -> link target (or size)}. */
  private static List<String> layerEntries(Path imageTar) throws Exception {
    List<String> entries = new ArrayList<>();
    try (TarArchiveInputStream image = new TarArchiveInputStream(Files.newInputStream(imageTar))) {
      TarArchiveEntry file;
      while ((file = image.getNextEntry()) != null) {
        if (!file.getName().endsWith(".tar.gz")) {
          continue;
        }
        InputStream gz = new GZIPInputStream(image);
        TarArchiveInputStream layer = new TarArchiveInputStream(gz);
        TarArchiveEntry entry;
        while ((entry = layer.getNextEntry()) != null) {
          entries.add(
              entry.getName()
                  + (entry.isSymbolicLink() ? " -> " + entry.getLinkName() : " file")
                  + String.format(
                      " %o %d:%d",
                      entry.getMode() & 07777, entry.getLongUserId(), entry.getLongGroupId()));
        }
      }
    }
    return entries;
  }

  @Test
  void jibLayersTheLinkItselfOnceItsCacheHoldsIt() throws Exception {
    FileEntriesLayer layer = placeholder();
    Path cache = temp.resolve("cache");

    assertThat(LinkLayers.prebuild(layer, TARGET, cache)).isTrue();
    assertThat(LinkLayers.prebuild(layer, TARGET, cache)).isFalse();
    JibContainer first = containerize(layer, temp.resolve("a.tar"), cache);

    assertThat(layerEntries(temp.resolve("a.tar")))
        .containsExactly("usr/local/bin/docker-compose -> " + TARGET + " 777 0:0");
    // the same again in a fresh cache: reproducible
    Path other = temp.resolve("other");
    LinkLayers.prebuild(layer, TARGET, other);
    assertThat(containerize(layer, temp.resolve("b.tar"), other).getDigest())
        .isEqualTo(first.getDigest());
  }

  @Test
  void aPlaceholderLayerJibBuiltEarlierIsReplacedByTheLink() throws Exception {
    FileEntriesLayer layer = placeholder();
    Path cache = temp.resolve("cache");
    LayerCache.prebuild(layer, cache); // as if Jib had built the placeholder itself

    assertThat(LinkLayers.prebuild(layer, TARGET, cache)).isTrue();
    containerize(layer, temp.resolve("a.tar"), cache);

    assertThat(layerEntries(temp.resolve("a.tar")))
        .containsExactly("usr/local/bin/docker-compose -> " + TARGET + " 777 0:0");
  }

  @Test
  void withoutItsCacheEntryJibLayersThePlaceholderScript() throws Exception {
    containerize(placeholder(), temp.resolve("a.tar"), temp.resolve("cache"));

    assertThat(layerEntries(temp.resolve("a.tar")))
        .contains("usr/local/bin/docker-compose file 755 0:0");
  }
}
