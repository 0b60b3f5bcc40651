package io.github.jenkinsdind.core.internal.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarTargetWriterTest {
  private static final WrittenImage IMAGE =
      new WrittenImage("sha256:" + "d".repeat(64), "sha256:" + "1".repeat(64), Set.of("1.0"));

  @TempDir Path temp;

  private final List<Path> writtenTo = new ArrayList<>();

  private TarTargetWriter writer(Path file, ImageWrite jib) throws Exception {
    ImageTarget.TarFile tar = (ImageTarget.TarFile) ImageTarget.tarFile("example/j:1.0", file);
    BuildRequest request =
        BuildRequest.from("jenkins/jenkins:lts").to(tar).cacheDirectory(temp.resolve("c")).build();
    return new TarTargetWriter(
        ImageReference.parse(tar.image()),
        tar,
        new ContainerizerSettings(request, new CacheLayout(temp.resolve("c")), event -> {}),
        jib);
  }

  /** A Jib write that fills the one temporary file next to the tar, as Jib would. */
  private ImageWrite writing(Path directory, boolean fail) {
    return (builder, containerizer) -> {
      try (Stream<Path> files = Files.list(directory)) {
        for (Path part : files.filter(f -> f.toString().endsWith(".part")).toList()) {
          writtenTo.add(part);
          Files.writeString(part, "new image");
        }
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
      if (fail) {
        throw new EnvironmentException("the registry went away", new RuntimeException());
      }
      return IMAGE;
    };
  }

  private static List<String> names(Path directory) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(file -> file.getFileName().toString()).toList();
    }
  }

  @Test
  void theTemporaryFileIsMovedIntoPlaceOnSuccess() throws Exception {
    Path directory = temp.resolve("out");
    Path file = directory.resolve("jenkins.tar");

    WrittenImage image = writer(file, writing(directory, false)).write(Jib.fromScratch());

    assertThat(image).isEqualTo(IMAGE);
    assertThat(writtenTo).hasSize(1);
    assertThat(writtenTo.get(0).getFileName().toString())
        .startsWith(".jenkins.tar")
        .endsWith(".part");
    assertThat(names(directory)).containsExactly("jenkins.tar");
    assertThat(Files.readString(file)).isEqualTo("new image");
  }

  @Test
  void theTemporaryFileIsDeletedOnFailureAndTheOldTarKept() throws Exception {
    Path directory = Files.createDirectories(temp.resolve("out"));
    Path file = Files.writeString(directory.resolve("jenkins.tar"), "old image");

    TarTargetWriter writer = writer(file, writing(directory, true));

    assertThatThrownBy(() -> writer.write(Jib.fromScratch()))
        .isInstanceOf(JenkinsDindException.class)
        .hasMessage("the registry went away");
    assertThat(names(directory)).containsExactly("jenkins.tar");
    assertThat(Files.readString(file)).isEqualTo("old image");
  }

  @Test
  void aDirectoryInPlaceOfTheTarIsRefusedBeforeJibRuns() throws Exception {
    Path file = Files.createDirectories(temp.resolve("out").resolve("jenkins.tar"));

    TarTargetWriter writer = writer(file, writing(temp.resolve("out"), false));

    assertThatThrownBy(() -> writer.write(Jib.fromScratch()))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).contains(Setting.TAR_FILE);
              assertThat(e.getMessage()).contains("it is a directory");
              assertThat(e.suggestion())
                  .contains("perhaps you should point tarFile at a file in a writable directory");
              assertThat(e.suggestionParts().orElseThrow().parts())
                  .contains(new Suggestion.SetTo(Setting.TAR_FILE, null));
            });
    assertThat(writtenTo).isEmpty();
  }
}
