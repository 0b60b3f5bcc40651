package io.github.jenkinsdind.it.trust;

import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.TestServices;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the trust tests share: the running services, a docker CLI server for the build goal's
 * download, a cache for the class, and the images and repositories a test made, removed at the end.
 */
abstract class TrustTestBase {
  /** Makes the names of this run unique. */
  static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);

  /** The class's own directory: the build cache lives there. */
  @TempDir static Path shared;

  /** The services of {@code .ci/services.sh}. */
  static TestServices services;

  /** Serves the docker CLI the builds download. */
  static DockerCliServer cliServer;

  /** Images a test made, removed after the class. */
  static final List<String> images = new ArrayList<>();

  /** Repositories whose daemon copies a test made, removed after the class. */
  static final List<String> repositories = new ArrayList<>();

  /** A test's own directory. */
  @TempDir Path work;

  @BeforeAll
  static void startServices() {
    services = TestServices.get().requireRunning();
    cliServer = DockerCliServer.start();
  }

  @AfterAll
  static void removeWhatTheTestsMade() {
    if (cliServer != null) {
      cliServer.close();
    }
    TrustFixtures.removeImages(images);
    for (String repository : repositories) {
      TrustFixtures.removeImages(TrustFixtures.daemonNames(repository));
    }
  }
}
