package io.github.jenkinsdind.core.internal.uptodate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStampTest {
  @TempDir Path temp;

  @Test
  void aSmallFileIsStampedByItsContent() throws Exception {
    Path file = Files.writeString(temp.resolve("casc.yaml"), "a: 1\n");
    String before = FileStamp.of(file);
    Files.setLastModifiedTime(file, FileTime.fromMillis(0));

    assertThat(FileStamp.of(file)).as("touched only").isEqualTo(before).contains("sha256 ");
    Files.writeString(file, "a: 2\n");
    Files.setLastModifiedTime(file, FileTime.fromMillis(0));
    assertThat(FileStamp.of(file)).isNotEqualTo(before);
  }

  @Test
  void aLargeFileIsStampedBySizeAndTime() throws Exception {
    Path file = Files.write(temp.resolve("docker"), new byte[(int) FileStamp.HASHED_SIZE + 1]);
    Files.setLastModifiedTime(file, FileTime.fromMillis(1_000));
    String before = FileStamp.of(file);

    Files.setLastModifiedTime(file, FileTime.fromMillis(2_000));

    assertThat(before).contains("size " + (FileStamp.HASHED_SIZE + 1) + " modified 1000");
    assertThat(FileStamp.of(file)).isNotEqualTo(before);
  }

  @Test
  void aDirectoryIsStampedByEveryFileUnderIt() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("casc"));
    Files.writeString(dir.resolve("a.yaml"), "a: 1\n");
    String before = FileStamp.of(dir);

    Files.createDirectories(dir.resolve("more"));
    Files.writeString(dir.resolve("more/b.yaml"), "b: 1\n");

    assertThat(FileStamp.of(dir)).isNotEqualTo(before).contains("more/b.yaml sha256 ");
  }

  @Test
  void aMissingFileHasAStampToo() throws Exception {
    assertThat(FileStamp.of(temp.resolve("nothing"))).endsWith(" missing");
  }
}
