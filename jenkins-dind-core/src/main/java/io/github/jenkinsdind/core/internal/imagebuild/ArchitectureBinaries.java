package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.DockerCliPlugin;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.cli.BinarySource;
import io.github.jenkinsdind.core.internal.cli.CliArchitecture;
import io.github.jenkinsdind.core.internal.index.ArchitectureValues;
import io.github.jenkinsdind.core.internal.index.IndexPlatform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The docker CLI and its plugins as configured, with the settings that give one value per
 * architecture: the sha256 pins ({@code amd64=…,arm64=…}) and the local files ({@code
 * DockerCli#localFiles()}). {@link #forPlatform} picks a platform's pin and file, as the build
 * resolves each platform's binaries; {@link #check} refuses, before anything is read, a value that
 * cannot serve the platforms built; {@link #available} tells whether a binary can be had for a
 * platform at all (for {@code platforms=all}).
 *
 * <p>A bare pin or a single local file keeps its one-platform meaning: it serves the one platform
 * built, and is refused when several are.
 *
 * @param source the binary's source, its sha256 as the setting's text
 * @param localFiles its local files by architecture key, or empty
 */
record ArchitectureBinaries(BinarySource source, Map<String, Path> localFiles) {

  /** Checks and copies the parts. */
  ArchitectureBinaries {
    Objects.requireNonNull(source, "source");
    localFiles = Map.copyOf(localFiles);
  }

  /**
   * The docker CLI and the plugins of a request, in that order.
   *
   * @param request the request
   * @return each binary with its per-architecture files
   */
  static List<ArchitectureBinaries> of(BuildRequest request) {
    List<ArchitectureBinaries> all = new ArrayList<>();
    all.add(
        new ArchitectureBinaries(
            BinarySource.of(request.dockerCli()), request.dockerCli().localFiles()));
    for (DockerCliPlugin plugin : request.cliPlugins()) {
      all.add(
          new ArchitectureBinaries(
              BinarySource.of(plugin, request.dockerCli().requireSha256()), plugin.localFiles()));
    }
    return all;
  }

  /**
   * Checks that each binary's settings can serve the platforms built: the pairs name known
   * architectures and are well formed, and a bare pin or a single local file serves one platform.
   *
   * @param binaries the binaries
   * @param platforms the platforms built
   * @throws ConfigurationException naming the binary's sha256 or file setting
   */
  static void check(List<ArchitectureBinaries> binaries, List<ImagePlatform> platforms)
      throws ConfigurationException {
    List<IndexPlatform> built = platforms.stream().map(IndexPlatform::of).toList();
    for (ArchitectureBinaries binary : binaries) {
      binary.check(built);
    }
  }

  private void check(List<IndexPlatform> built) throws ConfigurationException {
    Setting sha256 = source.kind().settings().sha256();
    Optional<String> pin = source.sha256();
    if (pin.isPresent() && (isPairs(pin.get()) || built.size() > 1)) {
      ArchitectureValues.parseSha256s(sha256, pin.get()).checkServes(built);
    }
    Setting file = source.kind().settings().file();
    String text = describeFiles();
    if (!localFiles.isEmpty() && source.localFile().isPresent()) {
      throw new ConfigurationException(
          file.key() + " gives one file and files by architecture at once",
          file,
          text,
          Suggestion.perhaps()
              .text("give either one file or amd64=…,arm64=… pairs in ")
              .setting(file)
              .build(),
          null);
    }
    for (String key : localFiles.keySet()) {
      ArchitectureValues.checkKey(file, text, key.toLowerCase(Locale.ROOT));
    }
    if (source.localFile().isPresent() && built.size() > 1) {
      StringBuilder example = new StringBuilder();
      for (IndexPlatform platform : built) {
        example.append(example.length() == 0 ? "" : ",").append(platform.architectureKey());
        example.append("=/path/to/file");
      }
      throw new ConfigurationException(
          file.key()
              + " is one file, but "
              + built.size()
              + " platforms are built, each with a binary of its own architecture",
          file,
          text,
          Suggestion.perhaps()
              .text("give one file per architecture, " + example + ", in ")
              .setting(file)
              .build(),
          null);
    }
  }

  /**
   * Picks a platform's pin and local file: the pair of its architecture, or none (then the binary
   * is downloaded, and checked against a built-in pin if one exists).
   *
   * @param platform the platform
   * @return the source for that platform
   * @throws ConfigurationException if the pin pairs are malformed
   */
  BinarySource forPlatform(ImagePlatform platform) throws ConfigurationException {
    IndexPlatform index = IndexPlatform.of(platform);
    Optional<String> pin = source.sha256();
    if (pin.isPresent() && isPairs(pin.get())) {
      pin =
          ArchitectureValues.parseSha256s(source.kind().settings().sha256(), pin.get())
              .forPlatform(index);
    }
    Optional<Path> file = source.localFile();
    if (!localFiles.isEmpty()) {
      file = Optional.ofNullable(fileFor(index));
    }
    return new BinarySource(
        source.kind(), source.version(), source.urlTemplate(), file, pin, source.requireSha256());
  }

  /**
   * Tells whether this binary can be had for a platform: a local file serves it, or one is
   * published for its architecture.
   *
   * @param platform the platform
   * @return whether it can
   */
  boolean available(IndexPlatform platform) {
    if (!localFiles.isEmpty()) {
      return fileFor(platform) != null;
    }
    if (source.localFile().isPresent()) {
      return true;
    }
    try {
      return CliArchitecture.of(platform.imagePlatform()).downloadName(source.kind()).isPresent();
    } catch (ConfigurationException e) {
      return false;
    }
  }

  private Path fileFor(IndexPlatform platform) {
    for (Map.Entry<String, Path> e : localFiles.entrySet()) {
      if (e.getKey().equalsIgnoreCase(platform.architectureKey())) {
        return e.getValue();
      }
    }
    for (Map.Entry<String, Path> e : localFiles.entrySet()) {
      if (e.getKey().equalsIgnoreCase(platform.architecture())) {
        return e.getValue();
      }
    }
    return null;
  }

  private String describeFiles() {
    if (localFiles.isEmpty()) {
      return source.localFile().map(Path::toString).orElse("");
    }
    StringBuilder text = new StringBuilder();
    new TreeMap<>(localFiles)
        .forEach((k, v) -> text.append(text.length() == 0 ? "" : ",").append(k + "=" + v));
    return text.toString();
  }

  private static boolean isPairs(String text) {
    return text.indexOf('=') >= 0;
  }
}
