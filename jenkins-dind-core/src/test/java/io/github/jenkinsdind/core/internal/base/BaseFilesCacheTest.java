package io.github.jenkinsdind.core.internal.base;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.internal.files.ImageFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseFilesCacheTest {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);
  private static final ImageFile GROUP =
      new ImageFile("/etc/group", "root:x:0:\n".getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
  private static final ImageFile PASSWD =
      new ImageFile(
          "/etc/passwd",
          "root:x:0:0::/root:/bin/sh\n".getBytes(StandardCharsets.UTF_8),
          0644,
          0,
          42);
  private static final BaseFilesCache.Entry ENTRY =
      new BaseFilesCache.Entry(
          Map.of("/etc/group", GROUP, "/etc/passwd", PASSWD), Set.of("/etc/gshadow"));

  @TempDir Path cacheDir;
  private final List<Event> events = Collections.synchronizedList(new ArrayList<>());

  private BaseFilesCache cache() {
    return new BaseFilesCache(cacheDir, events::add);
  }

  @Test
  void storesAndLoadsAnEntry() {
    assertThat(cache().load(DIGEST, Set.of("/etc/group"))).isEmpty();

    assertThat(cache().store(DIGEST, ENTRY)).isTrue();

    Path dir = cacheDir.resolve("base-files/sha256/" + "ab".repeat(32));
    assertThat(dir.resolve("entry.json")).isRegularFile();
    BaseFilesCache.Entry loaded =
        cache().load(DIGEST, Set.of("/etc/group", "/etc/passwd", "/etc/gshadow")).orElseThrow();
    assertThat(loaded).isEqualTo(ENTRY);
    assertThat(loaded.files().get("/etc/passwd").gid()).isEqualTo(42);
    assertThat(loaded.files().get("/etc/passwd").mode()).isEqualTo(0644);
    assertThat(events).isEmpty();
    try (Stream<Path> siblings = Files.list(dir.getParent())) {
      assertThat(siblings).containsExactly(dir); // no temporary directory left behind
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anEntryMadeForFewerPathsIsAMissAndIsReplaced() {
    BaseFilesCache.Entry small = new BaseFilesCache.Entry(Map.of("/etc/group", GROUP), Set.of());
    cache().store(DIGEST, small);

    assertThat(cache().load(DIGEST, Set.of("/etc/group"))).contains(small);
    assertThat(cache().load(DIGEST, Set.of("/etc/group", "/etc/passwd"))).isEmpty();

    assertThat(cache().store(DIGEST, ENTRY)).isTrue();
    assertThat(cache().load(DIGEST, Set.of("/etc/group", "/etc/passwd"))).contains(ENTRY);
  }

  @Test
  void aTruncatedFileIsAMissAndIsReplaced() throws Exception {
    cache().store(DIGEST, ENTRY);
    Path dir = cacheDir.resolve("base-files/sha256/" + "ab".repeat(32));
    try (Stream<Path> files = Files.list(dir.resolve("files"))) {
      Path first = files.sorted().findFirst().orElseThrow();
      Files.write(first, new byte[] {'r', 'o'});
    }
    assertThat(cache().load(DIGEST, Set.of("/etc/group"))).isEmpty();

    assertThat(cache().store(DIGEST, ENTRY)).isTrue();
    assertThat(cache().load(DIGEST, Set.of("/etc/group", "/etc/passwd"))).contains(ENTRY);
  }

  @Test
  void aHalfWrittenEntryWithoutItsJsonIsAMiss() throws Exception {
    Path dir = cacheDir.resolve("base-files/sha256/" + "ab".repeat(32));
    Files.createDirectories(dir.resolve("files"));
    Files.write(dir.resolve("files/0"), GROUP.content());
    assertThat(cache().load(DIGEST, Set.of("/etc/group"))).isEmpty();

    Files.writeString(
        dir.resolve("entry.json"), "{\"format\":1,\"digest\":\"" + DIGEST + "\",\"fi");
    assertThat(cache().load(DIGEST, Set.of("/etc/group"))).isEmpty();

    assertThat(cache().store(DIGEST, ENTRY)).isTrue();
    assertThat(cache().load(DIGEST, Set.of("/etc/group"))).contains(ENTRY);
  }

  @Test
  void concurrentWritersOfTheSameEntryAllSucceed() throws Exception {
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return new BaseFilesCache(cacheDir, events::add).store(DIGEST, ENTRY);
                }));
      }
      start.countDown();
      for (Future<Boolean> r : results) {
        assertThat(r.get(30, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(events).isEmpty();
    assertThat(cache().load(DIGEST, Set.of("/etc/group", "/etc/passwd"))).contains(ENTRY);
    try (Stream<Path> siblings = Files.list(cacheDir.resolve("base-files/sha256"))) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("ab".repeat(32));
    }
  }

  @Test
  void remembersDigestsByReferenceAndPlatform() {
    ImagePlatform arm = new ImagePlatform("linux", "arm64");
    assertThat(cache().digestFor("127.0.0.1:5000/jenkins:lts", ImagePlatform.LINUX_AMD64))
        .isEmpty();

    assertThat(
            cache().rememberDigest("127.0.0.1:5000/jenkins:lts", ImagePlatform.LINUX_AMD64, DIGEST))
        .isTrue();
    String other = "sha256:" + "cd".repeat(32);
    cache().rememberDigest("127.0.0.1:5000/jenkins:lts", arm, other);

    assertThat(cache().digestFor("127.0.0.1:5000/jenkins:lts", ImagePlatform.LINUX_AMD64))
        .contains(DIGEST);
    assertThat(cache().digestFor("127.0.0.1:5000/jenkins:lts", arm)).contains(other);
    assertThat(cache().digestFor("127.0.0.1:5000/jenkins:jdk21", arm)).isEmpty();

    cache().rememberDigest("127.0.0.1:5000/jenkins:lts", arm, DIGEST); // the tag moved
    assertThat(cache().digestFor("127.0.0.1:5000/jenkins:lts", arm)).contains(DIGEST);
  }

  @Test
  void aCorruptIndexEntryIsAMiss() throws Exception {
    cache().rememberDigest("jenkins/jenkins:lts", ImagePlatform.LINUX_AMD64, DIGEST);
    try (Stream<Path> files = Files.list(cacheDir.resolve("base-files/index"))) {
      Files.writeString(files.findFirst().orElseThrow(), "{\"digest\":");
    }
    assertThat(cache().digestFor("jenkins/jenkins:lts", ImagePlatform.LINUX_AMD64)).isEmpty();
  }

  @Test
  void anUnwritableCacheIsAWarningNotAnError() throws Exception {
    Path blocked = cacheDir.resolve("blocked");
    Files.writeString(blocked, "a file where a directory should be");
    BaseFilesCache cache = new BaseFilesCache(blocked, events::add);

    assertThat(cache.store(DIGEST, ENTRY)).isFalse();
    assertThat(cache.rememberDigest("jenkins/jenkins:lts", ImagePlatform.LINUX_AMD64, DIGEST))
        .isFalse();

    assertThat(events).hasSize(2);
    assertThat(events.get(0))
        .isInstanceOfSatisfying(
            Event.Log.class,
            log -> {
              assertThat(log.level()).isEqualTo(Event.Level.WARN);
              assertThat(log.message()).contains("cacheDirectory").contains(blocked.toString());
            });
  }
}
