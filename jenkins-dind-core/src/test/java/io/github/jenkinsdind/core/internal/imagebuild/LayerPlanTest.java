package io.github.jenkinsdind.core.internal.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerPlanTest {
  @TempDir Path temp;

  @Test
  void platformsWritingTheSameLayerFilesAtOnceAllGetThem() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 25; round++) {
        CacheLayout layout = new CacheLayout(temp.resolve("cache-" + round));
        CyclicBarrier together = new CyclicBarrier(4);
        List<Future<FileEntriesLayer>> layers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          layers.add(
              pool.submit(
                  () -> {
                    together.await(10, TimeUnit.SECONDS);
                    return LayerPlan.composeLinkLayer(layout);
                  }));
        }
        for (Future<FileEntriesLayer> layer : layers) {
          Path source = layer.get(30, TimeUnit.SECONDS).getEntries().get(0).getSourceFile();
          assertThat(Files.readString(source)).contains("docker-compose");
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
