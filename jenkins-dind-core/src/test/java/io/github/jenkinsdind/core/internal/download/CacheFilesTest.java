package io.github.jenkinsdind.core.internal.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheFilesTest {
  @TempDir Path cache;

  @Test
  void theSha256OfACachedFileIsRememberedUntilTheFileChanges() throws Exception {
    Path file = Files.writeString(cache.resolve("docker-1.tgz"), "first");
    String first = CacheFiles.sha256(file);
    assertThat(first).isEqualTo(Sha256.ofText("first"));
    Path sum = cache.resolve("docker-1.tgz.sha256");
    assertThat(sum).isRegularFile();

    // the remembered value is used while size and time are unchanged: no hashing
    String stamp = Files.readString(sum).substring(0, Files.readString(sum).length() - 64);
    Files.writeString(sum, stamp + "0".repeat(64), StandardCharsets.US_ASCII);
    assertThat(CacheFiles.sha256(file)).isEqualTo("0".repeat(64));

    // a changed file (same size, another time) is hashed again
    Files.writeString(file, "other");
    Files.setLastModifiedTime(
        file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2000));
    assertThat(CacheFiles.sha256(file)).isEqualTo(Sha256.ofText("other"));

    // a corrupt memo is ignored
    Files.writeString(sum, "garbage");
    assertThat(CacheFiles.sha256(file)).isEqualTo(Sha256.ofText("other"));

    CacheFiles.deleteQuietly(file);
    try (var left = Files.list(cache)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aSha256RememberedWhenTheFileIsPutInTheCacheIsNotComputedAgain() throws Exception {
    Path file = Files.writeString(cache.resolve("plugin.hpi"), "bytes");
    String claimed = "1".repeat(64); // not the file's: proves the file is not read again

    CacheFiles.remember(file, claimed);

    assertThat(cache.resolve("plugin.hpi.sha256")).isRegularFile();
    assertThat(CacheFiles.sha256(file)).isEqualTo(claimed);
    Files.writeString(file, "changed bytes");
    assertThat(CacheFiles.sha256(file)).isEqualTo(Sha256.ofText("changed bytes"));
  }

  @Test
  void rememberingTheSha256OfAMissingFileDoesNothing() {
    CacheFiles.remember(cache.resolve("gone.hpi"), "1".repeat(64));
    assertThat(cache.resolve("gone.hpi.sha256")).doesNotExist();
  }
}
