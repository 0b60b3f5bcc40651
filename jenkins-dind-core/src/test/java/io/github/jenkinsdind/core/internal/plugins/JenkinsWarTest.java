package io.github.jenkinsdind.core.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JenkinsWarTest {
  @TempDir Path dir;

  /** Makes a small jenkins.war: its manifest first, a class, and bundled plugins. */
  static Path war(Path dir, String version, Map<String, String> bundled) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Jenkins-Version", version);
    Path war = dir.resolve("jenkins.war");
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(war), manifest)) {
      jar.putNextEntry(new ZipEntry("executable/Main.class"));
      jar.write(new byte[] {1, 2, 3});
      for (Map.Entry<String, String> plugin : bundled.entrySet()) {
        jar.putNextEntry(new ZipEntry("WEB-INF/detached-plugins/" + plugin.getKey() + ".hpi"));
        jar.write(FakeUpdateCenter.hpi(plugin.getKey(), plugin.getValue(), "2.400", List.of()));
      }
    }
    return war;
  }

  @Test
  void readsTheVersionAndTheBundledPlugins() throws Exception {
    Path war =
        war(dir, "2.440.3", Map.of("mailer", "472.vf7c289a_4b_420", "ant", "497.v94e7d9fffa_b_9"));
    try (InputStream in = Files.newInputStream(war)) {
      JenkinsWar read = JenkinsWar.read(in, true);
      assertThat(read.version()).isEqualTo("2.440.3");
      assertThat(read.bundled())
          .containsOnly(
              Map.entry("mailer", "472.vf7c289a_4b_420"), Map.entry("ant", "497.v94e7d9fffa_b_9"));
    }
  }

  @Test
  void theVersionAloneIsReadFromTheFirstEntryWithoutReadingOn() throws Exception {
    byte[] bytes = Files.readAllBytes(war(dir, "2.479.1", Map.of("mailer", "1.0")));
    InputStream garbageAfter =
        new SequenceInputStream(
            new ByteArrayInputStream(bytes, 0, 400),
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw new IOException("read past the manifest");
              }
            });
    assertThat(JenkinsWar.version(garbageAfter)).contains("2.479.1");
  }

  @Test
  void theEnvironmentGivesTheVersionToo() {
    assertThat(JenkinsWar.versionFromEnv(List.of("PATH=/bin", "JENKINS_VERSION=2.440.3")))
        .contains("2.440.3");
    assertThat(JenkinsWar.versionFromEnv(List.of("JENKINS_VERSION="))).isEmpty();
  }
}
