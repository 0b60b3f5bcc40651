package io.github.jenkinsdind.core.internal.uptodate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.BuildResult;
import io.github.jenkinsdind.core.api.ImageBinary;
import io.github.jenkinsdind.core.api.JenkinsPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildRecordsTest {
  private static final String FINGERPRINT = "f".repeat(64);

  @TempDir Path temp;

  private static BuildResult result() {
    return new BuildResult(
        "127.0.0.1:5000/ci/jenkins:1",
        "sha256:" + "d".repeat(64),
        "sha256:" + "1".repeat(64),
        Set.of("1", "latest"),
        "127.0.0.1:5000/ci/base:lts",
        "sha256:" + "b".repeat(64),
        "28.2.2",
        "a".repeat(64),
        List.of(new ImageBinary("buildx", "0.34.0", "/usr/local/libexec/x", "e".repeat(64))),
        999,
        Map.of("linux/amd64", "sha256:" + "2".repeat(64)),
        Duration.ofSeconds(3),
        "2.479.3",
        List.of(new JenkinsPlugin("git", "5.2.0", "c".repeat(64), "https://example.com/git.hpi")),
        "git 5.2.0\n",
        false);
  }

  @Test
  void aRecordReadsBackAsTheResultItWasMadeOf() throws Exception {
    BuildRecords records = new BuildRecords(temp.resolve("builds"));
    records.write(BuildRecord.of(FINGERPRINT, result(), null));

    BuildResult again = records.find(FINGERPRINT).orElseThrow().result(Duration.ofMillis(40));

    BuildResult original = result();
    assertThat(again.upToDate()).isTrue();
    assertThat(again.duration()).isEqualTo(Duration.ofMillis(40));
    assertThat(again)
        .usingRecursiveComparison()
        .ignoringFields("upToDate", "duration")
        .isEqualTo(original);
    try (var files = Files.list(temp.resolve("builds"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(FINGERPRINT + ".json");
    }
  }

  @Test
  void noRecordAnUnreadableOneOrOneOfOtherInputsCountsAsNone() throws Exception {
    BuildRecords records = new BuildRecords(temp.resolve("builds"));
    assertThat(records.find(FINGERPRINT)).isEmpty();

    Files.createDirectories(temp.resolve("builds"));
    Files.writeString(temp.resolve("builds").resolve(FINGERPRINT + ".json"), "{ half");
    assertThat(records.find(FINGERPRINT)).isEmpty();

    records.write(BuildRecord.of("e".repeat(64), result(), null));
    Files.move(
        temp.resolve("builds").resolve("e".repeat(64) + ".json"),
        temp.resolve("builds").resolve(FINGERPRINT + ".json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(records.find(FINGERPRINT)).as("written for other inputs").isEmpty();
  }

  @Test
  void forgettingRemovesTheRecord() throws Exception {
    BuildRecords records = new BuildRecords(temp.resolve("builds"));
    records.write(BuildRecord.of(FINGERPRINT, result(), "stamp"));
    assertThat(records.find(FINGERPRINT).orElseThrow().tarStamp()).isEqualTo("stamp");

    records.forget(FINGERPRINT);

    assertThat(records.find(FINGERPRINT)).isEmpty();
  }
}
