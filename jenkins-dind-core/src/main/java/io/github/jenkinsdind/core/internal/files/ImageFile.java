package io.github.jenkinsdind.core.internal.files;

import java.util.Arrays;
import java.util.Objects;

/**
 * A regular file of an image's file system, as read from (or written into) a layer.
 *
 * @param path the absolute path, for example {@code /etc/group}
 * @param content the bytes
 * @param mode the permission bits, for example {@code 0644}
 * @param uid the owner's UID
 * @param gid the owner's GID
 */
public record ImageFile(String path, byte[] content, int mode, long uid, long gid) {
  /**
   * Checks and copies the parts.
   *
   * @param path the path
   * @param content the bytes
   * @param mode the permission bits
   * @param uid the UID
   * @param gid the GID
   */
  public ImageFile {
    Objects.requireNonNull(path, "path");
    content = content.clone();
    mode = mode & 07777;
  }

  /**
   * Returns a copy of the bytes.
   *
   * @return the bytes
   */
  @Override
  public byte[] content() {
    return content.clone();
  }

  /**
   * Returns the same file with other content, keeping path, mode and owner.
   *
   * @param newContent the new bytes
   * @return the file
   */
  public ImageFile withContent(byte[] newContent) {
    return new ImageFile(path, newContent, mode, uid, gid);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ImageFile f
        && path.equals(f.path)
        && Arrays.equals(content, f.content)
        && mode == f.mode
        && uid == f.uid
        && gid == f.gid;
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, Arrays.hashCode(content), mode, uid, gid);
  }

  @Override
  public String toString() {
    return "ImageFile["
        + path
        + ", "
        + content.length
        + " bytes, mode "
        + Integer.toOctalString(mode)
        + ", owner "
        + uid
        + ":"
        + gid
        + "]";
  }
}
