package io.github.jenkinsdind.maven;

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

class ResultFilesTest {
  private static final String DIGEST = "sha256:" + "a".repeat(64);
  private static final String ID = "sha256:" + "b".repeat(64);

  @TempDir Path directory;

  private static BuildResult result() {
    return new BuildResult(
        "127.0.0.1:5000/ci/jenkins:1.0",
        DIGEST,
        ID,
        Set.of("1.0", "latest"),
        "jenkins/jenkins:lts-jdk21",
        "sha256:" + "c".repeat(64),
        "29.7.2",
        "d".repeat(64),
        List.of(
            new ImageBinary(
                "buildx",
                "0.34.0",
                "/usr/local/libexec/docker/cli-plugins/docker-buildx",
                "e".repeat(64))),
        106,
        Map.of(),
        Duration.ofSeconds(3),
        null,
        List.of(),
        null,
        false);
  }

  private static BuildResult withPlugins() {
    BuildResult r = result();
    return new BuildResult(
        r.image(),
        r.digest(),
        r.imageId(),
        r.tags(),
        r.baseImage(),
        r.baseDigest(),
        r.dockerCliVersion(),
        r.dockerCliSha256(),
        r.cliPlugins(),
        r.dockerGid(),
        r.platformDigests(),
        r.duration(),
        "2.479.3",
        List.of(
            new JenkinsPlugin(
                "git", "5.2.0", "f".repeat(64), "https://updates.example.com/git.hpi")),
        "# lock\ngit 5.2.0 " + "f".repeat(64) + " https://updates.example.com/git.hpi\n",
        r.upToDate());
  }

  @Test
  void theJsonListsThePluginsAndTheLockIsWritten() throws Exception {
    Path out = directory.resolve("target/jenkins-dind");
    ResultFiles.write(out, withPlugins(), "registry");

    assertThat(Files.readString(out.resolve("image.json")))
        .contains("  \"jenkinsVersion\": \"2.479.3\",\n")
        .contains(
            "  \"plugins\": [{\"id\": \"git\", \"version\": \"5.2.0\", \"sha256\": \""
                + "f".repeat(64)
                + "\"}]\n");
    assertThat(Files.readString(out.resolve("plugins.lock")))
        .isEqualTo(withPlugins().pluginsLock());
  }

  @Test
  void writesDigestIdAndJson() throws Exception {
    Path out = directory.resolve("target/jenkins-dind");
    ResultFiles.write(out, result(), "registry");
    ResultFiles.write(out, result(), "registry");

    assertThat(Files.readString(out.resolve("image.digest"))).isEqualTo(DIGEST + "\n");
    assertThat(Files.readString(out.resolve("image.id"))).isEqualTo(ID + "\n");
    assertThat(Files.readString(out.resolve("image.json")))
        .isEqualTo(
            "{\n"
                + "  \"image\": \"127.0.0.1:5000/ci/jenkins:1.0\",\n"
                + "  \"target\": \"registry\",\n"
                + "  \"tags\": [\"1.0\", \"latest\"],\n"
                + "  \"digest\": \""
                + DIGEST
                + "\",\n"
                + "  \"imageId\": \""
                + ID
                + "\",\n"
                + "  \"baseImage\": \"jenkins/jenkins:lts-jdk21\",\n"
                + "  \"baseDigest\": \"sha256:"
                + "c".repeat(64)
                + "\",\n"
                + "  \"dockerCliVersion\": \"29.7.2\",\n"
                + "  \"dockerCliSha256\": \""
                + "d".repeat(64)
                + "\",\n"
                + "  \"cliPlugins\": [{\"name\": \"buildx\", \"version\": \"0.34.0\", \"path\":"
                + " \"/usr/local/libexec/docker/cli-plugins/docker-buildx\", \"sha256\": \""
                + "e".repeat(64)
                + "\"}],\n"
                + "  \"dockerGid\": 106,\n"
                + "  \"upToDate\": false,\n"
                + "  \"jenkinsVersion\": null,\n"
                + "  \"plugins\": []\n"
                + "}\n");
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("image.digest", "image.id", "image.json");
    }
  }

  @Test
  void quotesJsonStrings() {
    assertThat(ResultFiles.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
    assertThat(ResultFiles.quote(null)).isEqualTo("null");
  }
}
