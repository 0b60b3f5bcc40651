package io.github.jenkinsdind.it.engines;

import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.TestServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A small image that {@code check} can judge, imported into any daemon: busybox ({@code sh}, {@code
 * id}, {@code stat}), the docker CLI that {@code .ci/services.sh} installed at {@code
 * /usr/local/bin/docker} with the shared libraries it loads, and a user {@code jenkins} (uid 1000,
 * group 1000 only) that is its user. It is not a Jenkins image: {@code check} needs none.
 */
final class ProbeImage {
  /** Its name in every daemon. */
  static final String NAME = "jenkins-dind-it/engines-probe:4";

  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private ProbeImage() {}

  /**
   * Imports the image into the daemon at {@code dockerHost} with the docker CLI, unless it is
   * there.
   *
   * @param dockerHost the daemon, such as {@code unix:///run/podman/podman.sock}
   * @return the image's name
   * @throws IOException if the root file system cannot be made
   */
  static String into(String dockerHost) throws IOException {
    if (Commands.of("docker", "image", "inspect", NAME)
        .env("DOCKER_HOST", dockerHost)
        .run()
        .succeeded()) {
      return NAME;
    }
    Path root = Files.createTempDirectory("jd-engines-probe");
    try {
      Path bin = Files.createDirectories(root.resolve("bin"));
      Path busybox = Path.of("/bin/busybox");
      if (!Files.isExecutable(busybox)) {
        throw new AssertionError("/bin/busybox is missing: install busybox-static");
      }
      Files.copy(busybox, bin.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
      for (String applet : new String[] {"sh", "id", "stat", "ls", "cat"}) {
        Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
      }
      Path local = Files.createDirectories(root.resolve("usr/local/bin"));
      Files.copy(
          TestServices.get().dockerCli(),
          local.resolve("docker"),
          StandardCopyOption.COPY_ATTRIBUTES);
      for (Map.Entry<String, Path> library : JenkinsBaseImages.cliLibraries().entrySet()) {
        Path inImage = root.resolve(library.getKey().substring(1));
        Files.createDirectories(inImage.getParent());
        Files.copy(library.getValue(), inImage, StandardCopyOption.COPY_ATTRIBUTES);
      }
      Path etc = Files.createDirectories(root.resolve("etc"));
      Files.writeString(
          etc.resolve("passwd"),
          "root:x:0:0:root:/root:/bin/sh\njenkins:x:1000:1000:Jenkins:/home/jenkins:/bin/sh\n");
      Files.writeString(etc.resolve("group"), "root:x:0:\njenkins:x:1000:\n");
      Files.createDirectories(root.resolve("home/jenkins"));
      Files.createDirectories(root.resolve("tmp"));
      Commands.of(
              "sh",
              "-c",
              "tar -C \"$0\" --owner=0 --group=0 --mode=u+rwX,go+rX -c . | docker import"
                  + " --change 'USER jenkins' --change 'ENV PATH=/usr/local/bin:/bin' - \"$1\"",
              root.toString(),
              NAME)
          .env("DOCKER_HOST", dockerHost)
          .timeout(TIMEOUT)
          .runOrFail();
      return NAME;
    } finally {
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
