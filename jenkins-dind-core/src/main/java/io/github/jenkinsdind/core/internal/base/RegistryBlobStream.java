package io.github.jenkinsdind.core.internal.base;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Turns a push-style blob (Jib's {@code Blob.writeTo(OutputStream)}) into an {@link InputStream}: a
 * named daemon thread writes the blob into a bounded queue of chunks, the reader takes them.
 *
 * <ul>
 *   <li>A failure of the writer (a download error, a digest mismatch detected at the end) is thrown
 *       to the reader, as the {@code failure} function makes it, once all bytes written before it
 *       are read.
 *   <li>Closing the stream before the end cancels the writer: {@code abort} is run (to close the
 *       connection the writer reads from), the writer's next write fails with a private
 *       cancellation that nobody sees, and {@link #close()} waits (a bounded time) for the writer
 *       to end. No thread is left blocked on the queue.
 *   <li>{@code abort} is also run when the writer ends, whatever the outcome, to free the
 *       connection; it must be safe to run more than once and from any thread.
 * </ul>
 */
final class RegistryBlobStream extends InputStream {

  /** Writes a blob to an output stream: Jib's {@code Blob::writeTo}. */
  @FunctionalInterface
  interface Producer {
    /**
     * Writes the whole blob.
     *
     * @param out where to write
     * @throws IOException if it cannot be read or written
     */
    void writeTo(OutputStream out) throws IOException;
  }

  private static final int CHUNK_BYTES = 64 * 1024;
  private static final int QUEUE_CHUNKS = 16;
  private static final long POLL_MILLIS = 100;
  private static final long JOIN_MILLIS = 5_000;
  private static final Object END = new Object();

  /** The writer's failure, queued after the bytes written before it. */
  private record Failure(Throwable cause) {}

  /** Thrown inside the writer when the reader has gone; never seen outside. */
  private static final class Cancelled extends IOException {
    private static final long serialVersionUID = 1L;

    Cancelled() {
      super("the reader closed the stream", null);
    }
  }

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Runnable abort;
  private final Function<Throwable, IOException> failure;
  private final Thread writer;

  private byte[] chunk;
  private int position;
  private boolean ended;
  private IOException failed;

  private RegistryBlobStream(
      Producer producer,
      String threadName,
      Runnable abort,
      Function<Throwable, IOException> failure) {
    this.abort = Objects.requireNonNull(abort, "abort");
    this.failure = Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(producer, "producer");
    this.writer = new Thread(() -> write(producer), threadName);
    this.writer.setDaemon(true);
  }

  /**
   * Starts the writer thread and returns the stream.
   *
   * @param producer writes the blob
   * @param threadName the writer thread's name
   * @param abort frees the writer's connection; run on cancellation and when the writer ends
   * @param failure makes the exception the reader gets from the writer's failure
   * @return the stream
   */
  static RegistryBlobStream start(
      Producer producer,
      String threadName,
      Runnable abort,
      Function<Throwable, IOException> failure) {
    RegistryBlobStream stream = new RegistryBlobStream(producer, threadName, abort, failure);
    stream.writer.start();
    return stream;
  }

  /**
   * Tells whether the writer thread is still running (for tests).
   *
   * @return whether it is alive
   */
  boolean writerAlive() {
    return writer.isAlive();
  }

  private void write(Producer producer) {
    Object last = END;
    QueueOutput out = new QueueOutput();
    try {
      producer.writeTo(out);
    } catch (Throwable t) { // every outcome, errors included, must reach the reader
      last = new Failure(t);
    } finally {
      runAbort();
    }
    if (!closed.get() && out.flushChunk()) {
      offer(last);
    }
  }

  private void runAbort() {
    try {
      abort.run();
    } catch (RuntimeException ignored) {
      // freeing the connection is best effort
    }
  }

  /** Puts an item, waiting for room, unless the reader has gone. */
  private boolean offer(Object item) {
    try {
      while (!closed.get()) {
        if (queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  /**
   * The writer's side: writes are gathered into chunks of {@value #CHUNK_BYTES} bytes (Jib writes a
   * few kilobytes at a time), so that the two threads hand over a chunk every 64 KiB rather than
   * every write.
   */
  private final class QueueOutput extends OutputStream {
    private byte[] pending = new byte[CHUNK_BYTES];
    private int filled;

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (closed.get()) {
        // close the connection this write's request opened, so that nothing drains the rest
        runAbort();
        throw new Cancelled();
      }
      while (len > 0) {
        int n = Math.min(len, pending.length - filled);
        System.arraycopy(b, off, pending, filled, n);
        filled += n;
        off += n;
        len -= n;
        if (filled == pending.length && !flushChunk()) {
          runAbort();
          throw new Cancelled();
        }
      }
    }

    /** Queues the bytes gathered so far; false if the reader has gone. */
    boolean flushChunk() {
      if (filled == 0) {
        return true;
      }
      byte[] chunk = filled == pending.length ? pending : Arrays.copyOf(pending, filled);
      pending = new byte[CHUNK_BYTES];
      filled = 0;
      return offer(chunk);
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (closed.get()) {
      throw new IOException("stream closed");
    }
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, chunk.length - position);
    System.arraycopy(chunk, position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public int available() {
    return chunk == null ? 0 : chunk.length - position;
  }

  /** Makes a chunk with unread bytes current; false at the end. */
  private boolean fill() throws IOException {
    while (chunk == null || position == chunk.length) {
      if (failed != null) {
        throw failed;
      }
      if (ended) {
        return false;
      }
      Object next = take();
      if (next == END) {
        ended = true;
      } else if (next instanceof Failure f) {
        failed = failure.apply(f.cause());
        throw failed;
      } else {
        chunk = (byte[]) next;
        position = 0;
      }
    }
    return true;
  }

  private Object take() throws IOException {
    try {
      while (true) {
        Object next = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (next != null) {
          return next;
        }
        if (!writer.isAlive() && queue.isEmpty()) {
          // the writer always queues its outcome before it ends; look once more
          next = queue.poll();
          if (next != null) {
            return next;
          }
          return new Failure(new IOException("the download ended without a result"));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the download");
    }
  }

  /**
   * Closes the stream; before the end, cancels the download and waits (up to 5 s) for the writer
   * thread to end.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    queue.clear();
    if (writer.isAlive()) {
      runAbort();
      try {
        writer.join(JOIN_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    queue.clear();
    chunk = null;
  }
}
