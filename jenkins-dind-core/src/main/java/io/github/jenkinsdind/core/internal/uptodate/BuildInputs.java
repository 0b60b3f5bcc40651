package io.github.jenkinsdind.core.internal.uptodate;

import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.DockerCli;
import io.github.jenkinsdind.core.api.DockerCliPlugin;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsConfig;
import io.github.jenkinsdind.core.api.JenkinsPlugins;
import io.github.jenkinsdind.core.internal.download.Sha256;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The inputs of a build that decide the image it makes, as canonical text, one {@code name: value}
 * line each, and their sha256: the fingerprint under which the build is remembered. Two requests
 * with the same fingerprint make the same image. What only decides how the image is reached or made
 * (credentials, the cache directory, the daemon's address, insecure registries, offline mode) is
 * left out; the target is in, since a record is about one target.
 *
 * @param text the lines
 * @param fingerprint their sha256, hex
 */
public record BuildInputs(String text, String fingerprint) {

  /** Checks the parts. */
  public BuildInputs {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(fingerprint, "fingerprint");
  }

  /**
   * Says why a request cannot be checked for an unchanged rebuild, if it cannot: its image then
   * depends on more than its inputs.
   *
   * @param request the request
   * @return the reason, or empty if it can be checked
   */
  public static Optional<String> uncheckable(BuildRequest request) {
    if (request.rebuild()) {
      return Optional.of("a rebuild is asked for");
    }
    if (request.offline()) {
      return Optional.of("the build is offline: the base's digest cannot be asked");
    }
    JenkinsPlugins plugins = request.plugins();
    if (!plugins.isEmpty() && plugins.lockFile() == null) {
      return Optional.of(
          "the Jenkins plugins are resolved against the update center, which may have changed");
    }
    return Optional.empty();
  }

  /**
   * Makes the fingerprint of a request.
   *
   * @param request the request
   * @param base what identifies the base's content: its manifest digest, image ID or file stamp
   * @param producer what identifies the code that builds (its version and jar)
   * @return the inputs
   * @throws IOException if an input file cannot be read
   */
  public static BuildInputs of(BuildRequest request, String base, String producer)
      throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("producer: " + producer);
    lines.add("from: " + request.from());
    lines.add("base: " + base);
    lines.add("target: " + target(request.target()));
    lines.add("platform: " + request.platform());
    lines.add("platforms: " + (request.allPlatforms() ? "all" : request.platforms()));
    lines.add("docker CLI: " + cli(request.dockerCli()));
    for (DockerCliPlugin plugin : request.cliPlugins()) {
      lines.add("CLI plugin: " + plugin(plugin));
    }
    lines.add("accounts: " + request.accounts());
    lines.add("labels: " + new TreeMap<>(request.labels()));
    lines.add("daemon pulls base: " + request.daemonPullsBase());
    lines.add("Jenkins plugins: " + plugins(request.plugins()));
    lines.add("Jenkins configuration: " + config(request.jenkinsConfig()));
    String text = String.join("\n", lines) + "\n";
    return new BuildInputs(text, Sha256.ofText(text));
  }

  private static String target(ImageTarget target) {
    String kind =
        target instanceof ImageTarget.Registry
            ? "registry"
            : target instanceof ImageTarget.DockerDaemon ? "docker" : "tar";
    String text = kind + " " + target.image() + " tags " + new TreeSet<>(target.additionalTags());
    if (target instanceof ImageTarget.TarFile) {
      text += " file " + ((ImageTarget.TarFile) target).file().toAbsolutePath().normalize();
    }
    return text;
  }

  private static String cli(DockerCli cli) throws IOException {
    return String.join(
        " ",
        "version " + cli.version(),
        "url " + cli.urlTemplate(),
        "file " + stamp(cli.localFile()),
        "sha256 " + cli.sha256(),
        "required " + cli.requireSha256(),
        "files " + stamps(cli.localFiles()));
  }

  private static String plugin(DockerCliPlugin plugin) throws IOException {
    return String.join(
        " ",
        plugin.name().toString(),
        "version " + plugin.version(),
        "url " + plugin.urlTemplate(),
        "file " + stamp(plugin.localFile()),
        "sha256 " + plugin.sha256(),
        "files " + stamps(plugin.localFiles()));
  }

  private static String plugins(JenkinsPlugins plugins) throws IOException {
    return String.join(
        " ",
        "list " + plugins.plugins(),
        "file " + stamp(plugins.pluginsFile()),
        "lock " + stamp(plugins.lockFile()),
        "update center " + plugins.updateCenterUrl(),
        "versions " + plugins.pluginVersionsUrl(),
        "download " + plugins.downloadUrl(),
        "Jenkins " + plugins.jenkinsVersion(),
        "fail on warnings " + plugins.failOnWarnings());
  }

  private static String config(JenkinsConfig config) throws IOException {
    List<String> scripts = new ArrayList<>();
    for (Path script : config.initScripts()) {
      scripts.add(FileStamp.of(script));
    }
    return String.join(
        " ",
        "casc " + stamp(config.casc()),
        "init scripts " + scripts,
        "skip setup wizard " + config.skipSetupWizard());
  }

  private static String stamps(Map<String, Path> files) throws IOException {
    Map<String, String> stamped = new TreeMap<>();
    for (Map.Entry<String, Path> file : files.entrySet()) {
      stamped.put(file.getKey(), FileStamp.of(file.getValue()));
    }
    return stamped.toString();
  }

  private static String stamp(Path file) throws IOException {
    return file == null ? "none" : FileStamp.of(file);
  }
}
