package io.github.jenkinsdind.core.internal.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.CredentialProvider;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.registry.RegistryCredentials;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline mode needs no registry: port 1 on loopback proves no connection is tried. */
class RegistryBaseSourceOfflineTest {
  private static final String REFERENCE = "127.0.0.1:1/team/jenkins:lts";
  private static final String DIGEST = "sha256:" + "cd".repeat(32);

  @TempDir Path cacheDir;
  private final AtomicInteger credentialLookups = new AtomicInteger();

  private RegistryBaseSource offlineSource(BaseFilesCache cache) throws ConfigurationException {
    CredentialProvider counting =
        registry -> {
          credentialLookups.incrementAndGet();
          return Optional.empty();
        };
    return RegistryBaseSource.create(
        REFERENCE,
        false,
        true,
        new RegistryCredentials(counting, EventHandler.NONE),
        cache,
        EventHandler.NONE);
  }

  @Test
  void resolvesFromTheCacheIndexWithoutTheNetwork() throws Exception {
    BaseFilesCache cache = new BaseFilesCache(cacheDir, EventHandler.NONE);
    cache.rememberDigest(REFERENCE, ImagePlatform.LINUX_AMD64, DIGEST);

    try (RegistryBaseSource source = offlineSource(cache)) {
      BaseManifest manifest = source.resolve(ImagePlatform.LINUX_AMD64);

      assertThat(manifest.digest()).isEqualTo(DIGEST);
      assertThat(manifest.platform()).isEqualTo(ImagePlatform.LINUX_AMD64);
      // a stand-in layer that cannot be read offline: the account files must come from the cache
      assertThat(manifest.layers()).hasSize(1);
      assertThatThrownBy(() -> source.openLayer(manifest.layers().get(0)))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "the build is offline and what is needed of base "
                  + REFERENCE
                  + " is not in the cache (its layers would have to be downloaded)");
      assertThat(source.describe()).isEqualTo("registry image " + REFERENCE);
    }
    assertThat(credentialLookups.get()).isZero();
  }

  @Test
  void aBaseNotInTheCacheIsAnOfflineError() throws Exception {
    BaseFilesCache cache = new BaseFilesCache(cacheDir, EventHandler.NONE);
    cache.rememberDigest(REFERENCE, ImagePlatform.LINUX_AMD64, DIGEST);

    try (RegistryBaseSource source = offlineSource(cache)) {
      assertThatThrownBy(() -> source.resolve(new ImagePlatform("linux", "arm64")))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "the build is offline and base "
                  + REFERENCE
                  + " (linux/arm64) is not in the cache; run once online")
          .satisfies(
              e -> assertThat(((JenkinsDindException) e).setting()).contains(Setting.OFFLINE));
      assertThatThrownBy(() -> source.openLayer(new BaseManifest.Layer(DIGEST, 10, null)))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("offline")
          .satisfies(
              e -> assertThat(((JenkinsDindException) e).setting()).contains(Setting.OFFLINE));
    }
    assertThat(credentialLookups.get()).isZero();
  }

  @Test
  void anInvalidReferenceNamesFrom() {
    assertThatThrownBy(
            () ->
                RegistryBaseSource.create(
                    "UPPER/Case:tag!",
                    false,
                    false,
                    new RegistryCredentials(CredentialProvider.NONE, EventHandler.NONE),
                    new BaseFilesCache(cacheDir, EventHandler.NONE),
                    EventHandler.NONE))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((JenkinsDindException) e).setting()).contains(Setting.FROM));
  }

  @Test
  void aReaderOfflineWithoutTheFilesCachedFailsWithTheOfflineError() throws Exception {
    BaseFilesCache cache = new BaseFilesCache(cacheDir, EventHandler.NONE);
    cache.rememberDigest(REFERENCE, ImagePlatform.LINUX_AMD64, DIGEST);
    BaseImageReader reader = new BaseImageReader(cacheDir, true, EventHandler.NONE);

    try (RegistryBaseSource source = offlineSource(cache)) {
      assertThatThrownBy(() -> reader.read(source, ImagePlatform.LINUX_AMD64, Set.of("/etc/group")))
          .isInstanceOf(JenkinsDindException.class)
          .hasMessageContaining("offline")
          .satisfies(
              e -> assertThat(((JenkinsDindException) e).setting()).contains(Setting.OFFLINE));
    }
    assertThat(cache.load(DIGEST, Set.of("/etc/group"))).isEmpty();
  }
}
