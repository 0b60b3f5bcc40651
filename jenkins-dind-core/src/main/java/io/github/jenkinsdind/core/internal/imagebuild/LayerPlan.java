package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import io.github.jenkinsdind.core.internal.files.FileTrees;
import io.github.jenkinsdind.core.internal.files.ImageFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The two layers a build adds on top of the base: {@code docker-cli} (the binary at {@code
 * /usr/local/bin/docker}, 0755, root-owned) and {@code accounts} (the edited account files, with
 * the base's modes and owners). Jib needs files on disk: the account files are written once into
 * the cache, in a directory named after their content.
 */
public record LayerPlan(FileEntriesLayer dockerCli, FileEntriesLayer accounts) {
  /** Where the docker CLI goes in the image. */
  static final AbsoluteUnixPath DOCKER_CLI_PATH = AbsoluteUnixPath.get("/usr/local/bin/docker");

  /**
   * Plans the layers.
   *
   * @param layout the cache directory's layout: the account files are written under its {@code
   *     layers/accounts}
   * @param cliBinary the docker CLI binary
   * @param accountFiles the edited account files
   * @return the plan
   * @throws EnvironmentException if the account files cannot be written
   */
  static LayerPlan of(CacheLayout layout, Path cliBinary, List<ImageFile> accountFiles)
      throws EnvironmentException {
    FileEntriesLayer cli = dockerCliLayer(cliBinary);
    Path dir = writeOnce(layout.accountsLayer(), accountFiles);
    FileEntriesLayer.Builder accounts = FileEntriesLayer.builder().setName("accounts");
    for (ImageFile file : accountFiles) {
      accounts.addEntry(
          new FileEntry(
              dir.resolve(file.path().substring(1)),
              AbsoluteUnixPath.get(file.path()),
              FilePermissions.fromOctalString(
                  String.format(Locale.ROOT, "%03o", file.mode() & 0777)),
              FileEntriesLayer.DEFAULT_MODIFICATION_TIME,
              file.uid() + ":" + file.gid()));
    }
    return new LayerPlan(cli, accounts.build());
  }

  /**
   * The {@code docker-cli} layer: the binary at {@code /usr/local/bin/docker}, 0755, owned by 0:0,
   * with Jib's fixed modification time. The same binary always gives the same layer (and the same
   * entry in Jib's application-layer cache).
   *
   * @param cliBinary the docker CLI binary
   * @return the layer
   */
  public static FileEntriesLayer dockerCliLayer(Path cliBinary) {
    return FileEntriesLayer.builder()
        .setName("docker-cli")
        .addEntry(
            new FileEntry(
                cliBinary,
                DOCKER_CLI_PATH,
                FilePermissions.fromOctalString("755"),
                FileEntriesLayer.DEFAULT_MODIFICATION_TIME,
                "0:0"))
        .build();
  }

  /**
   * Adds the layers to a Jib build, after the base's.
   *
   * @param builder the build
   */
  void addTo(JibContainerBuilder builder) {
    builder.addFileEntriesLayer(dockerCli);
    builder.addFileEntriesLayer(accounts);
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
      } catch (FileAlreadyExistsException
          | DirectoryNotEmptyException
          | AtomicMoveNotSupportedException e) {
        // another build wrote the same content at the same time: theirs is as good as ours
        if (!Files.isDirectory(dir)) {
          throw e;
        }
      }
      return dir;
    } catch (IOException e) {
      throw new EnvironmentException(
          "Could not write the edited account files under " + root + ": " + e.getMessage(),
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
