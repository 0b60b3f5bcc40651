package io.github.jenkinsdind.core.internal.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
  @TempDir Path temp;

  @Test
  void deletesADirectoryWithEverythingInIt() throws Exception {
    Path root = temp.resolve("root");
    Files.createDirectories(root.resolve("a/b"));
    Files.writeString(root.resolve("a/b/file"), "x");
    Files.writeString(root.resolve("top"), "y");

    FileTrees.deleteQuietly(root);

    assertThat(root).doesNotExist();
    assertThat(temp).isEmptyDirectory();
  }

  @Test
  void deletesALinkInsideButNotWhatItPointsTo() throws Exception {
    Path kept = temp.resolve("kept");
    Files.createDirectories(kept);
    Files.writeString(kept.resolve("precious"), "z");
    Path root = temp.resolve("root");
    Files.createDirectories(root);
    Files.createSymbolicLink(root.resolve("link"), kept);

    FileTrees.deleteQuietly(root);

    assertThat(Files.exists(root, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(kept.resolve("precious")).hasContent("z");
  }

  @Test
  void aSingleFileAMissingPathAndNullAreFine() throws Exception {
    Path file = temp.resolve("file");
    Files.writeString(file, "x");

    FileTrees.deleteQuietly(file);
    FileTrees.deleteQuietly(temp.resolve("missing"));
    FileTrees.deleteQuietly(null);

    assertThat(file).doesNotExist();
  }
}
