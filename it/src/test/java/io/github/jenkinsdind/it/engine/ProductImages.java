package io.github.jenkinsdind.it.engine;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Variant;
import io.github.jenkinsdind.it.support.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Product-shaped images for the engine tests: the Jenkins-shaped fixture of {@link JenkinsBaseImages}
 * plus what jenkins-dind:build adds (the static docker CLI at {@code /usr/local/bin/docker} and a
 * {@code docker} group with GID {@value #BAKED_GID} holding {@code jenkins}), loaded into dockerd.
 * Built with Jib directly, once per JVM, under {@value #REPOSITORY}; no test removes them.
 */
final class ProductImages {
  /** The repository of these images in dockerd. */
  static final String REPOSITORY = "jenkins-dind-it/engine";

  /** The docker group's GID baked into the image (not the socket's GID on this machine). */
  static final long BAKED_GID = 999;

  private static final Map<String, String> BUILT = new HashMap<>();

  private ProductImages() {}

  /**
   * The product image: jenkins in group docker (GID 999), with the docker CLI.
   *
   * @return its reference in dockerd
   */
  static synchronized String gid999() {
    return BUILT.computeIfAbsent("gid999", tag -> build(tag, null));
  }

  /**
   * Like {@link #gid999()}, but its entrypoint prints a few lines and never serves HTTP: Jenkins
   * never gets ready.
   *
   * @return its reference in dockerd
   */
  static synchronized String neverReady() {
    return BUILT.computeIfAbsent(
        "never-ready",
        tag ->
            build(
                tag,
                List.of(
                    "/bin/sh",
                    "-c",
                    "echo 'starting, slowly'; echo 'still starting'; exec sleep 3600")));
  }

  /**
   * The bare fixture: Jenkins-shaped, but without the docker CLI or a docker group.
   *
   * @return its reference in dockerd
   */
  static String withoutDockerCli() {
    return JenkinsBaseImages.inDaemon(Variant.PLAIN).reference();
  }

  private static String build(String tag, List<String> entrypoint) {
    String reference = REPOSITORY + ":" + tag;
    try {
      TestServices services = TestServices.get().requireRunning();
      String base = JenkinsBaseImages.inRegistry(Variant.PLAIN).reference();
      Path dir = Files.createTempDirectory("jenkins-dind-engine-image");
      Path group = dir.resolve("group");
      Files.writeString(
          group,
          JenkinsBaseImages.etcGroup(Variant.PLAIN).orElseThrow()
              + "docker:x:" + BAKED_GID + ":jenkins\n",
          StandardCharsets.UTF_8);
      Instant time = Instant.ofEpochSecond(1);
      FileEntriesLayer layer =
          FileEntriesLayer.builder()
              .setName("jenkins-dind")
              .addEntry(services.dockerCli(), AbsoluteUnixPath.get("/usr/local/bin/docker"),
                  FilePermissions.fromOctalString("755"), time, "0:0")
              .addEntry(group, AbsoluteUnixPath.get("/etc/group"),
                  FilePermissions.fromOctalString("644"), time, "0:0")
              .build();
      JibContainerBuilder builder =
          Jib.from(RegistryImage.named(ImageReference.parse(base))).addFileEntriesLayer(layer);
      if (entrypoint != null) {
        builder.setEntrypoint(entrypoint);
      }
      Path cache = Path.of(System.getProperty("java.io.tmpdir"), "jenkins-dind-engine-it-cache");
      builder.containerize(
          Containerizer.to(DockerDaemonImage.named(ImageReference.parse(reference)))
              .setAllowInsecureRegistries(true)
              .setBaseImageLayersCache(cache.resolve("base"))
              .setApplicationLayersCache(cache.resolve("application"))
              .setToolName("jenkins-dind-engine-it"));
      return reference;
    } catch (Exception e) {
      throw new AssertionError("Cannot build the test image " + reference + ": " + e, e);
    }
  }
}
