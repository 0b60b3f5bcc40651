package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.cli.BinaryKind;
import io.github.jenkinsdind.core.internal.cli.ResolvedBinary;
import io.github.jenkinsdind.core.internal.cli.Toolchain;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import io.github.jenkinsdind.core.internal.files.FileTrees;
import io.github.jenkinsdind.core.internal.files.ImageFile;
import io.github.jenkinsdind.core.internal.jib.LinkLayers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The layers a build adds on top of the base, in order:
 *
 * <ol>
 *   <li>one per binary: {@code docker-cli} (at {@code /usr/local/bin/docker}), then {@code
 *       docker-buildx} and {@code docker-compose} (in {@code
 *       /usr/local/libexec/docker/cli-plugins/}), each 0755 and root-owned, each a layer of its own
 *       because each changes at its own time;
 *   <li>with compose, {@code docker-compose-link}: the link {@code /usr/local/bin/docker-compose}
 *       to the plugin, for scripts that call it that way (see {@link LinkLayers});
 *   <li>{@code accounts}: the edited account files, with the base's modes and owners;
 *   <li>Jenkins's own, when asked for: plugins, init scripts, configuration as code ({@link
 *       JenkinsLayers}).
 * </ol>
 *
 * <p>Jib needs files on disk: the account files and the link's placeholder are written once into
 * the cache, in a directory named after their content.
 *
 * @param binaries the binaries' layers, the CLI first
 * @param composeLink the compose link's placeholder layer, when the image has compose
 * @param accounts the account files' layer
 * @param jenkins Jenkins's layers, in order (empty when none is asked for)
 */
public record LayerPlan(
    List<FileEntriesLayer> binaries,
    Optional<FileEntriesLayer> composeLink,
    FileEntriesLayer accounts,
    List<FileEntriesLayer> jenkins) {
  /** Where the compose link points, relative to {@code /usr/local/bin}. */
  static final String COMPOSE_LINK_TARGET = "../libexec/docker/cli-plugins/docker-compose";

  private static final String COMPOSE_LINK_PATH = "/usr/local/bin/docker-compose";

  /** Checks and copies the parts. */
  public LayerPlan {
    binaries = List.copyOf(binaries);
    Objects.requireNonNull(composeLink, "composeLink");
    Objects.requireNonNull(accounts, "accounts");
    jenkins = List.copyOf(jenkins);
  }

  /**
   * A plan without Jenkins layers.
   *
   * @param binaries the binaries' layers
   * @param composeLink the compose link's layer, if any
   * @param accounts the account files' layer
   */
  public LayerPlan(
      List<FileEntriesLayer> binaries,
      Optional<FileEntriesLayer> composeLink,
      FileEntriesLayer accounts) {
    this(binaries, composeLink, accounts, List.of());
  }

  /**
   * Returns this plan with Jenkins's layers after the account files.
   *
   * @param layers the layers, in order
   * @return the plan
   */
  LayerPlan withJenkins(List<FileEntriesLayer> layers) {
    return new LayerPlan(binaries, composeLink, accounts, layers);
  }

  /**
   * Plans the layers.
   *
   * @param layout the cache directory's layout: the account files are written under its {@code
   *     layers/accounts}, the link placeholder under {@code layers/links}
   * @param toolchain the docker CLI and its plugins
   * @param accountFiles the edited account files
   * @return the plan
   * @throws EnvironmentException if the files cannot be written
   */
  static LayerPlan of(CacheLayout layout, Toolchain toolchain, List<ImageFile> accountFiles)
      throws EnvironmentException {
    List<FileEntriesLayer> binaries = new ArrayList<>();
    for (ResolvedBinary binary : toolchain.all()) {
      binaries.add(binaryLayer(binary));
    }
    Optional<FileEntriesLayer> link = Optional.empty();
    if (toolchain.plugin(BinaryKind.COMPOSE).isPresent()) {
      link = Optional.of(composeLinkLayer(layout));
    }
    return new LayerPlan(
        binaries, link, filesLayer("accounts", layout.accountsLayer(), accountFiles));
  }

  /**
   * A binary's layer: the binary at its path in the image, 0755, owned by 0:0, with Jib's fixed
   * modification time. The same binary always gives the same layer (and the same entry in Jib's
   * application-layer cache).
   *
   * @param binary the binary
   * @return the layer
   */
  public static FileEntriesLayer binaryLayer(ResolvedBinary binary) {
    return FileEntriesLayer.builder()
        .setName(binary.kind().layerName())
        .addEntry(
            new FileEntry(
                binary.binary(),
                AbsoluteUnixPath.get(binary.kind().imagePath()),
                FilePermissions.fromOctalString("755"),
                FileEntriesLayer.DEFAULT_MODIFICATION_TIME,
                "0:0"))
        .build();
  }

  /**
   * The placeholder of the {@code docker-compose-link} layer: a script at {@code
   * /usr/local/bin/docker-compose} that runs the plugin, which {@link LinkLayers} turns into a link
   * in Jib's cache.
   *
   * @param layout the cache directory's layout
   * @return the placeholder layer
   * @throws EnvironmentException if the placeholder cannot be written
   */
  static FileEntriesLayer composeLinkLayer(CacheLayout layout) throws EnvironmentException {
    String script = "#!/bin/sh\nexec /usr/local/libexec/docker/cli-plugins/docker-compose \"$@\"\n";
    ImageFile placeholder =
        new ImageFile(COMPOSE_LINK_PATH, script.getBytes(StandardCharsets.UTF_8), 0755, 0, 0);
    return filesLayer("docker-compose-link", layout.linkLayers(), List.of(placeholder));
  }

  /**
   * Adds the layers to a Jib build, after the base's.
   *
   * @param builder the build
   */
  void addTo(JibContainerBuilder builder) {
    binaries.forEach(builder::addFileEntriesLayer);
    composeLink.ifPresent(builder::addFileEntriesLayer);
    builder.addFileEntriesLayer(accounts);
    jenkins.forEach(builder::addFileEntriesLayer);
  }

  private static FileEntriesLayer filesLayer(String name, Path root, List<ImageFile> files)
      throws EnvironmentException {
    Path dir = writeOnce(root, files);
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
    for (ImageFile file : files) {
      layer.addEntry(
          new FileEntry(
              dir.resolve(file.path().substring(1)),
              AbsoluteUnixPath.get(file.path()),
              FilePermissions.fromOctalString(
                  String.format(Locale.ROOT, "%03o", file.mode() & 0777)),
              FileEntriesLayer.DEFAULT_MODIFICATION_TIME,
              file.uid() + ":" + file.gid()));
    }
    return layer.build();
  }

  private static Path writeOnce(Path root, List<ImageFile> files) throws EnvironmentException {
    Path dir = root.resolve(contentKey(files));
    if (Files.isDirectory(dir)) {
      return dir;
    }
    Path temp = null;
    try {
      Files.createDirectories(root);
      temp = Files.createTempDirectory(root, ".tmp-");
      for (ImageFile file : files) {
        Path target = temp.resolve(file.path().substring(1));
        Files.createDirectories(target.getParent());
        Files.write(target, file.content());
      }
      try {
        Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // another build, or another platform of this one, wrote the same content at the same
        // time: theirs is as good as ours (rename(2) says ENOTEMPTY, which Java reports as a
        // plain FileSystemException, not a DirectoryNotEmptyException)
        if (!Files.isDirectory(dir)) {
          throw e;
        }
      }
      return dir;
    } catch (IOException e) {
      throw new EnvironmentException(
          "Could not write the layer files under " + root + ": " + e.getMessage(),
          Setting.CACHE_DIRECTORY,
          root.toString(),
          Suggestion.perhaps()
              .text("point ")
              .setting(Setting.CACHE_DIRECTORY)
              .text(" at a writable directory")
              .build(),
          e);
    } finally {
      if (temp != null) {
        FileTrees.deleteQuietly(temp);
      }
    }
  }

  private static String contentKey(List<ImageFile> files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (ImageFile file : files) {
        sha.update(file.path().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        byte[] content = file.content();
        sha.update(Long.toString(content.length).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(content);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
