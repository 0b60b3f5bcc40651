package io.github.jenkinsdind.core.internal.base;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.internal.files.ImageFile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Jenkins parts of a build read of a base: a big file read down by an extractor, the
 * config's environment, and a cache entry that keeps both reads of one base.
 */
class JenkinsFactsOfBaseTest {
  private static final String WAR = "/usr/share/jenkins/jenkins.war";

  @TempDir Path temp;

  static byte[] war(String version, int paddingBytes) throws Exception {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Jenkins-Version", version);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
      jar.putNextEntry(new ZipEntry("WEB-INF/lib/padding.bin"));
      jar.write(new byte[paddingBytes]);
      jar.closeEntry();
    }
    return bytes.toByteArray();
  }

  @Test
  void anExtractorReadsAFileTooBigToHoldDownToWhatItNeeds() throws Exception {
    byte[] war = war("2.479.3", (int) LayerWalker.MAX_FILE_SIZE + 1024);
    LayerWalkerTest.TrackedLayer layer =
        new LayerWalkerTest.TrackedLayer(
            new TestTar()
                .file("usr/share/jenkins/jenkins.war", war, 0644, 0, 0)
                .file("etc/group", "root:x:0:\n")
                .tar());
    LayerWalker.Extractor version =
        in -> {
          java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(in);
          while (!zip.getNextEntry().getName().equals("META-INF/MANIFEST.MF")) {
            // the manifest is the first file
          }
          return new Manifest(zip)
              .getMainAttributes()
              .getValue("Jenkins-Version")
              .getBytes(StandardCharsets.UTF_8);
        };

    LayerWalker.Result r =
        LayerWalker.walk(
            List.of(layer.layer("layer 1")), Set.of(WAR, "/etc/group"), Map.of(WAR, version));

    assertThat(new String(r.files().get(WAR).content(), StandardCharsets.UTF_8))
        .isEqualTo("2.479.3");
    assertThat(r.files().get("/etc/group").content()).hasSize(10);
  }

  @Test
  void theConfigEnvironmentOfATarBaseIsReadAndCachedByDigest() throws Exception {
    byte[] config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":"
                + "[\"PATH=/usr/bin\",\"JENKINS_VERSION=2.479.3\",\"JAVA_OPTS=-Xmx1g\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
            .getBytes(StandardCharsets.UTF_8);
    Path tar = temp.resolve("base.tar");
    java.nio.file.Files.write(
        tar,
        new TestTar()
            .file("config.json", config, 0644, 0, 0)
            .file("manifest.json", "[{\"Config\":\"config.json\",\"Layers\":[]}]")
            .tar());
    BaseFilesCache cache = new BaseFilesCache(temp.resolve("cache"), event -> {});
    BaseManifest manifest;
    try (TarBaseSource source = new TarBaseSource(tar, null, event -> {})) {
      manifest = source.resolve(ImagePlatform.LINUX_AMD64);
      assertThat(BaseConfigEnv.read(cache, source, manifest))
          .containsExactly("PATH=/usr/bin", "JENKINS_VERSION=2.479.3", "JAVA_OPTS=-Xmx1g");
    }

    BaseSource gone =
        new BaseSource() {
          @Override
          public String describe() {
            return "a source that is never read";
          }

          @Override
          public BaseManifest resolve(ImagePlatform platform) {
            throw new AssertionError("not resolved");
          }

          @Override
          public java.io.InputStream openLayer(BaseManifest.Layer layer) {
            throw new AssertionError("not opened");
          }

          @Override
          public List<String> configEnv(BaseManifest m) {
            throw new AssertionError("the cache has it");
          }

          @Override
          public void close() {}
        };
    assertThat(BaseConfigEnv.read(cache, gone, manifest)).contains("JAVA_OPTS=-Xmx1g");
  }

  @Test
  void storingAnotherReadOfTheSameBaseKeepsWhatTheFirstFound() {
    BaseFilesCache cache = new BaseFilesCache(temp, event -> {});
    String digest = "sha256:" + "a".repeat(64);
    ImageFile group = new ImageFile("/etc/group", new byte[] {'g'}, 0644, 0, 0);
    ImageFile war = new ImageFile(WAR, new byte[] {'2'}, 0644, 0, 0);

    cache.store(
        digest, new BaseFilesCache.Entry(Map.of("/etc/group", group), Set.of("/etc/gshadow")));
    cache.store(digest, new BaseFilesCache.Entry(Map.of(WAR, war), Set.of()));

    assertThat(cache.load(digest, Set.of("/etc/group", "/etc/gshadow", WAR)))
        .hasValueSatisfying(
            e -> {
              assertThat(e.files()).containsOnlyKeys("/etc/group", WAR);
              assertThat(e.absent()).containsExactly("/etc/gshadow");
            });
  }
}
