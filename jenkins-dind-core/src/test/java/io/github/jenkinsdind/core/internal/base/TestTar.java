package io.github.jenkinsdind.core.internal.base;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds real tar archives (image layers, docker save tars) in memory for tests. */
final class TestTar {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

  TestTar() {
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
  }

  TestTar file(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
  }

  TestTar file(String name, byte[] content, int mode, long uid, long gid) {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(content.length);
    e.setMode(0100000 | mode);
    e.setUserId(uid);
    e.setGroupId(gid);
    return put(e, content);
  }

  /** A file of random (incompressible) bytes. */
  TestTar randomFile(String name, int size) {
    byte[] content = new byte[size];
    new Random(size).nextBytes(content);
    return file(name, content, 0644, 0, 0);
  }

  TestTar dir(String name) {
    TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
    e.setMode(040755);
    return put(e, new byte[0]);
  }

  TestTar hardLink(String name, String target) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK);
    e.setLinkName(target);
    e.setMode(0100644);
    return put(e, new byte[0]);
  }

  TestTar symlink(String name, String target) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
    e.setLinkName(target);
    return put(e, new byte[0]);
  }

  private TestTar put(TarArchiveEntry e, byte[] content) {
    try {
      tar.putArchiveEntry(e);
      tar.write(content);
      tar.closeArchiveEntry();
      return this;
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  byte[] tar() {
    try {
      tar.finish();
      tar.close();
      return bytes.toByteArray();
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  byte[] gzip() {
    return gzip(tar());
  }

  static byte[] gzip(byte[] plain) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(plain);
      }
      return out.toByteArray();
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }
}
