package io.github.jenkinsdind.it.plugins;

import static com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer.DEFAULT_MODIFICATION_TIME;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.TestServices;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * A Jenkins-shaped base for the plugin tests, on top of {@link JenkinsBaseImages}' plain fixture: a
 * small {@code /usr/share/jenkins/jenkins.war} whose {@code META-INF/MANIFEST.MF} (its first entry,
 * as in Jenkins's war) says {@code Jenkins-Version}, {@code /usr/share/jenkins/ref} owned by the
 * jenkins user, and the environment of the official image: {@code JAVA_OPTS} and another variable,
 * with or without {@code JENKINS_VERSION}. Pushed to the plain registry.
 */
final class PluginBases {
  /** The war's {@code Jenkins-Version}. */
  static final String WAR_VERSION = "2.479.3";

  /** The base's {@code JAVA_OPTS}. */
  static final String JAVA_OPTS = "-Xmx512m -Dhudson.footerURL=http://ci.example.com";

  /** Another variable of the base, which must stay as it is. */
  static final String OTHER_ENV = "JENKINS_UC_EXPERIMENTAL=https://updates.example.invalid/x";

  private PluginBases() {}

  /**
   * Builds and pushes the base.
   *
   * @param dir a directory of the test's
   * @param jenkinsVersionEnv the {@code JENKINS_VERSION} to set, or {@code null} for none
   * @return the base's reference
   * @throws Exception if it cannot be built
   */
  static String push(Path dir, String jenkinsVersionEnv) throws Exception {
    return push(dir, jenkinsVersionEnv, List.of());
  }

  /**
   * Builds and pushes the base, its war bundling plugins in {@code WEB-INF/detached-plugins/} as
   * Jenkins's war does.
   *
   * @param dir a directory of the test's
   * @param jenkinsVersionEnv the {@code JENKINS_VERSION} to set, or {@code null} for none
   * @param bundled the plugins the war bundles
   * @return the base's reference
   * @throws Exception if it cannot be built
   */
  static String push(Path dir, String jenkinsVersionEnv, List<StandInUpdateCenter.Release> bundled)
      throws Exception {
    Files.createDirectories(dir);
    Path war = dir.resolve("jenkins.war");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Jenkins-Version", WAR_VERSION);
    try (OutputStream out = Files.newOutputStream(war);
        JarOutputStream jar = new JarOutputStream(out, manifest)) {
      jar.putNextEntry(new ZipEntry("WEB-INF/lib/jenkins-core.jar"));
      jar.write(new byte[64 * 1024]);
      jar.closeEntry();
      for (StandInUpdateCenter.Release plugin : bundled) {
        jar.putNextEntry(new ZipEntry("WEB-INF/detached-plugins/" + plugin.id() + ".hpi"));
        jar.write(plugin.hpi());
        jar.closeEntry();
      }
    }
    Path refDir = Files.createDirectories(dir.resolve("ref"));
    String from = JenkinsBaseImages.inRegistry(JenkinsBaseImages.Variant.PLAIN).reference();
    String reference =
        TestServices.get().plainRegistry()
            + "/it/plugins-base:"
            + (jenkinsVersionEnv == null ? "war-only" : "env-" + jenkinsVersionEnv)
            + (bundled.isEmpty() ? "" : "-bundling-" + bundled.size());
    var builder =
        Jib.from(RegistryImage.named(from))
            .addFileEntriesLayer(
                FileEntriesLayer.builder()
                    .setName("war")
                    .addEntry(entry(war, "/usr/share/jenkins/jenkins.war", "644", "0:0"))
                    .addEntry(entry(refDir, "/usr/share/jenkins/ref", "755", "1000:1000"))
                    .build())
            .addEnvironmentVariable("JAVA_OPTS", JAVA_OPTS)
            .addEnvironmentVariable(
                OTHER_ENV.substring(0, OTHER_ENV.indexOf('=')),
                OTHER_ENV.substring(OTHER_ENV.indexOf('=') + 1));
    if (jenkinsVersionEnv != null) {
      builder.addEnvironmentVariable("JENKINS_VERSION", jenkinsVersionEnv);
    }
    Path cache = Path.of(System.getProperty("java.io.tmpdir"), "jenkins-dind-fixtures-cache");
    JibContainer built =
        builder.containerize(
            Containerizer.to(RegistryImage.named(ImageReference.parse(reference)))
                .setAllowInsecureRegistries(true)
                .setBaseImageLayersCache(cache.resolve("base"))
                .setApplicationLayersCache(dir.resolve("application-layers"))
                .setToolName("jenkins-dind-it-fixtures"));
    return reference.substring(0, reference.lastIndexOf(':')) + "@" + built.getDigest();
  }

  private static FileEntry entry(Path source, String target, String mode, String owner)
      throws IOException {
    return new FileEntry(
        source,
        AbsoluteUnixPath.get(target),
        FilePermissions.fromOctalString(mode),
        DEFAULT_MODIFICATION_TIME,
        owner);
  }
}
