package io.github.jenkinsdind.it.registry;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Small images for the registry tests that {@code JenkinsBaseImages} does not make: images on the
 * authenticated registries, with a big layer. Built from scratch with Jib: a lower layer with
 * {@link #PASSWD} and {@link #GROUP}, and a layer above it holding {@value #BIG_FILE},
 * pseudo-random (incompressible) bytes of a chosen size.
 */
final class RegistryTestImages {

  /** The {@code /etc/passwd} of every test image. */
  static final String PASSWD =
      "root:x:0:0:root:/root:/bin/sh\njenkins:x:1000:1000::/var/jenkins_home:/bin/sh\n";

  /** The {@code /etc/group} of every test image. */
  static final String GROUP = "root:x:0:\njenkins:x:1000:\n";

  /** The path of the big file in the upper layer. */
  static final String BIG_FILE = "/opt/big.bin";

  private static final Instant FILE_TIME = Instant.ofEpochSecond(1);

  /**
   * What was pushed.
   *
   * @param reference the tagged reference
   * @param digest the manifest (or manifest list / index) digest
   */
  record Pushed(String reference, String digest) {}

  private RegistryTestImages() {}

  /**
   * Builds and pushes an image.
   *
   * @param reference where to push, for example {@code 127.0.0.1:5000/regtest/oci:1}
   * @param platforms the platforms (two or more make a Docker manifest list; Jib cannot write OCI
   *     indexes)
   * @param format Docker or OCI (single platform only)
   * @param bigBytes the size of {@value #BIG_FILE}
   * @param user the registry user, or null
   * @param password the password, or null
   * @return what was pushed
   * @throws Exception if Jib fails
   */
  static Pushed push(
      String reference,
      Set<Platform> platforms,
      ImageFormat format,
      long bigBytes,
      String user,
      String password)
      throws Exception {
    Path dir = Files.createTempDirectory("jenkins-dind-registry-it");
    try {
      FileEntriesLayer accounts =
          FileEntriesLayer.builder()
              .setName("accounts")
              .addEntry(
                  write(dir.resolve("passwd"), PASSWD),
                  AbsoluteUnixPath.get("/etc/passwd"),
                  FilePermissions.fromOctalString("644"),
                  FILE_TIME,
                  "0:0")
              .addEntry(
                  write(dir.resolve("group"), GROUP),
                  AbsoluteUnixPath.get("/etc/group"),
                  FilePermissions.fromOctalString("644"),
                  FILE_TIME,
                  "0:0")
              .build();
      FileEntriesLayer big =
          FileEntriesLayer.builder()
              .setName("big")
              .addEntry(
                  randomFile(dir.resolve("big.bin"), bigBytes),
                  AbsoluteUnixPath.get(BIG_FILE),
                  FilePermissions.fromOctalString("644"),
                  FILE_TIME,
                  "0:0")
              .build();
      RegistryImage target = RegistryImage.named(ImageReference.parse(reference));
      if (user != null) {
        target.addCredential(user, password);
      }
      Path cache = Path.of(System.getProperty("java.io.tmpdir"), "jenkins-dind-registry-it-cache");
      JibContainer container =
          Jib.fromScratch()
              .setFormat(format)
              .setPlatforms(platforms)
              .setFileEntriesLayers(accounts, big)
              .containerize(
                  Containerizer.to(target)
                      .setAllowInsecureRegistries(true)
                      .setBaseImageLayersCache(cache.resolve("base"))
                      .setApplicationLayersCache(cache.resolve("application"))
                      .setToolName("jenkins-dind-registry-it"));
      return new Pushed(reference, container.getDigest().toString());
    } finally {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Path write(Path file, String content) throws IOException {
    return Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private static Path randomFile(Path file, long size) throws IOException {
    SplittableRandom random = new SplittableRandom(size);
    byte[] buffer = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; left -= buffer.length) {
        for (int i = 0; i < buffer.length; i++) {
          buffer[i] = (byte) random.nextInt(256);
        }
        out.write(buffer, 0, (int) Math.min(buffer.length, left));
      }
    }
    return file;
  }
}
