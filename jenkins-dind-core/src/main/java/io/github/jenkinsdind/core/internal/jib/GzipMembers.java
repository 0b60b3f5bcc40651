package io.github.jenkinsdind.core.internal.jib;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip stream made of independent members, one per fixed-size chunk of its input, compressed on
 * several threads and written in order (as {@code pigz --independent} or {@code bgzip} do). A gzip
 * reader reads concatenated members as one stream (RFC 1952, section 2.2): Go's {@code
 * compress/gzip} (dockerd, containerd, the registries), {@code gzip -d}, commons-compress with
 * {@code decompressConcatenated}, and {@link java.util.zip.GZIPInputStream} on a file all do. The
 * bytes depend only on the input, the chunk size and the level, never on the number of threads or
 * on how the input is written: each member's header is fixed ({@link #header}).
 *
 * <p>At most {@code inFlight} chunks are held at once, so memory stays near {@code 2 × inFlight ×
 * chunkSize}. The pool is the caller's; closing this stream does not shut it down.
 */
final class GzipMembers extends OutputStream {
  /** Where a member header gives the compressor's extra flags (XFL). */
  private static final int XFL = 8;

  private final OutputStream out;
  private final int level;
  private final ExecutorService pool;
  private final int inFlight;
  private final ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
  private byte[] chunk;
  private int filled;
  private boolean anyMember;
  private boolean closed;

  /**
   * Makes the stream.
   *
   * @param out where the members go, in order; closed with this stream
   * @param level the deflate level, 0 to 9 ({@link Deflater#BEST_SPEED} is 1)
   * @param chunkSize the input bytes per member
   * @param pool the threads that compress
   * @param inFlight how many chunks may be compressing or waiting to be written at once
   */
  GzipMembers(OutputStream out, int level, int chunkSize, ExecutorService pool, int inFlight) {
    if (level < 0 || level > 9) {
      throw new IllegalArgumentException("a deflate level is 0 to 9: " + level);
    }
    if (chunkSize < 1 || inFlight < 1) {
      throw new IllegalArgumentException("chunkSize and inFlight must be positive");
    }
    this.out = Objects.requireNonNull(out, "out");
    this.level = level;
    this.pool = Objects.requireNonNull(pool, "pool");
    this.inFlight = inFlight;
    this.chunk = new byte[chunkSize];
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (closed) {
      throw new IOException("the gzip stream is closed");
    }
    while (len > 0) {
      int n = Math.min(len, chunk.length - filled);
      System.arraycopy(b, off, chunk, filled, n);
      filled += n;
      off += n;
      len -= n;
      if (filled == chunk.length) {
        submit();
      }
    }
  }

  /** Writes the members compressed so far; the chunk being filled stays until it is full. */
  @Override
  public void flush() throws IOException {
    drain(0);
    out.flush();
  }

  /** Compresses the last chunk (an empty member for an empty stream), writes all, closes. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      if (filled > 0 || !anyMember) {
        submit();
      }
      drain(0);
    } finally {
      closed = true;
      for (Future<byte[]> future : pending) {
        future.cancel(true);
      }
      pending.clear();
      out.close();
    }
  }

  private void submit() throws IOException {
    byte[] data = filled == chunk.length ? chunk : Arrays.copyOf(chunk, filled);
    int size = chunk.length;
    pending.add(pool.submit(() -> member(data, data.length, level)));
    anyMember = true;
    chunk = new byte[size];
    filled = 0;
    drain(inFlight - 1);
  }

  /** Writes members, oldest first, until at most {@code keep} are pending. */
  private void drain(int keep) throws IOException {
    while (pending.size() > keep) {
      Future<byte[]> head = pending.peek();
      try {
        out.write(head.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while compressing a layer");
      } catch (ExecutionException e) {
        throw new IOException("could not compress a layer: " + e.getCause(), e.getCause());
      }
      pending.remove();
    }
  }

  /**
   * Compresses one chunk into a complete gzip member.
   *
   * @param data the chunk
   * @param length how many of its bytes
   * @param level the deflate level
   * @return the member: header, raw deflate data, CRC-32 and length (little-endian)
   */
  static byte[] member(byte[] data, int length, int level) {
    Deflater deflater = new Deflater(level, true);
    try {
      deflater.setInput(data, 0, length);
      deflater.finish();
      ByteArrayOutputStream member = new ByteArrayOutputStream(length / 2 + 64);
      member.writeBytes(header(level));
      byte[] buffer = new byte[64 * 1024];
      while (!deflater.finished()) {
        member.write(buffer, 0, deflater.deflate(buffer));
      }
      CRC32 crc = new CRC32();
      crc.update(data, 0, length);
      writeInt(member, crc.getValue());
      writeInt(member, length & 0xffffffffL);
      return member.toByteArray();
    } finally {
      deflater.end();
    }
  }

  /**
   * The header of every member at a level: the gzip magic, deflate, no flags, no time, the extra
   * flags that RFC 1952 gives the level (4 for the fastest, 2 for the best, else 0: {@code gzip -1}
   * writes 4, Java's {@link java.util.zip.GZIPOutputStream} always 0), OS unknown.
   *
   * @param level the deflate level
   * @return the 10 bytes
   */
  static byte[] header(int level) {
    byte[] header = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    if (level == Deflater.BEST_SPEED) {
      header[XFL] = 4;
    } else if (level == Deflater.BEST_COMPRESSION) {
      header[XFL] = 2;
    }
    return header;
  }

  private static void writeInt(ByteArrayOutputStream out, long value) {
    for (int i = 0; i < 4; i++) {
      out.write((int) (value >>> (8 * i)) & 0xff);
    }
  }
}
