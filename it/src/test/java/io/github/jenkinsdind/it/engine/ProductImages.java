package io.github.jenkinsdind.it.engine;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.DockerCli;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsDind;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Variant;
import io.github.jenkinsdind.it.support.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Product images for the engine tests, made by jenkins-dind's own build ({@link JenkinsDind#build})
 * from the Jenkins-shaped fixture of {@link JenkinsBaseImages}: the docker CLI that {@code
 * .ci/services.sh} installed ({@link TestServices#dockerCli()}) at {@code /usr/local/bin/docker} in
 * the image, and a {@code docker} group with GID {@value #BAKED_GID} holding {@code jenkins},
 * loaded into dockerd. Built once per JVM under {@value #REPOSITORY}; no test removes them.
 */
final class ProductImages {
  /** The repository of these images in dockerd. */
  static final String REPOSITORY = "jenkins-dind-it/engine";

  /** The docker group's GID baked into the image (not the socket's GID on this machine). */
  static final long BAKED_GID = 999;

  private static String gid999;
  private static String neverReady;

  private ProductImages() {}

  /**
   * The product image: jenkins in group docker (GID 999), with the docker CLI.
   *
   * @return its reference in dockerd
   */
  static synchronized String gid999() {
    if (gid999 == null) {
      String reference = REPOSITORY + ":gid999";
      try {
        TestServices services = TestServices.get().requireRunning();
        String base = JenkinsBaseImages.inRegistry(Variant.PLAIN).reference();
        gid999 =
            JenkinsDind.build(
                    BuildRequest.from(base)
                        .to(ImageTarget.dockerDaemon(reference, Set.of()))
                        .cliPlugins(List.of())
                        .dockerCli(
                            DockerCli.localFile(services.dockerCli(), services.dockerCliVersion()))
                        .dockerGid(BAKED_GID)
                        .allowInsecureRegistries(true)
                        .cacheDirectory(cache())
                        .build(),
                    EventHandler.NONE)
                .image();
      } catch (Exception e) {
        throw new AssertionError("Cannot build the test image " + reference + ": " + e, e);
      }
    }
    return gid999;
  }

  /**
   * Like {@link #gid999()}, but its entrypoint prints two lines and never serves HTTP: Jenkins
   * never gets ready.
   *
   * @return its reference in dockerd
   */
  static synchronized String neverReady() {
    if (neverReady == null) {
      String reference = REPOSITORY + ":never-ready";
      try {
        Path cache = cache();
        Jib.from(DockerDaemonImage.named(ImageReference.parse(gid999())))
            .setEntrypoint(
                List.of(
                    "/bin/sh",
                    "-c",
                    "echo 'starting, slowly'; echo 'still starting'; exec sleep 3600"))
            .containerize(
                Containerizer.to(DockerDaemonImage.named(ImageReference.parse(reference)))
                    .setBaseImageLayersCache(cache.resolve("jib-base"))
                    .setApplicationLayersCache(cache.resolve("jib-application"))
                    .setToolName("jenkins-dind-engine-it"));
        neverReady = reference;
      } catch (Exception e) {
        throw new AssertionError("Cannot build the test image " + reference + ": " + e, e);
      }
    }
    return neverReady;
  }

  /**
   * The bare fixture: Jenkins-shaped, but without the docker CLI or a docker group.
   *
   * @return its reference in dockerd
   */
  static String withoutDockerCli() {
    return JenkinsBaseImages.inDaemon(Variant.PLAIN).reference();
  }

  private static Path cache() throws java.io.IOException {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "jenkins-dind-engine-it-cache");
    return Files.createDirectories(dir);
  }
}
