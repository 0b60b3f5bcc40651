package io.github.jenkinsdind.it.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Credential;
import io.github.jenkinsdind.core.api.CredentialProvider;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.RegistryAuthenticationException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.base.BaseFilesCache;
import io.github.jenkinsdind.core.internal.base.BaseManifest;
import io.github.jenkinsdind.core.internal.base.RegistryBaseSource;
import io.github.jenkinsdind.core.internal.registry.RegistryCredentials;
import io.github.jenkinsdind.core.internal.registry.RegistryErrors;
import io.github.jenkinsdind.core.internal.registry.RegistryPreflight;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Variant;
import io.github.jenkinsdind.it.support.TestServices;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the registry code meets the transport and authentication of real registries: plain http
 * without allowInsecureRegistries, an untrusted self-signed certificate, htpasswd users (right,
 * wrong, missing), plain-http authentication, closed ports; and the same credential lookup used by
 * a Jib push.
 */
class RegistryAccessTest {
  /** Jib alone takes 50 to 70 s for these failures; the preflight must answer well within this. */
  private static final Duration FAST = Duration.ofSeconds(10);

  private static final long BIG = 64L * 1024 * 1024;

  private static TestServices services;
  private static RegistryTestImages.Pushed onTls;

  @TempDir Path cacheDir;
  private final List<Event> events = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void pushToTheTlsRegistry() throws Exception {
    services = TestServices.get().requireRunning();
    onTls =
        RegistryTestImages.push(
            services.tlsRegistry() + "/regtest/tls:1",
            Set.of(new Platform("amd64", "linux")),
            ImageFormat.Docker,
            BIG,
            services.registryUser(),
            services.registryPassword());
  }

  private RegistryBaseSource source(
      String reference, boolean allowInsecure, CredentialProvider provider)
      throws ConfigurationException {
    return RegistryBaseSource.create(
        reference,
        allowInsecure,
        false,
        new RegistryCredentials(provider, events::add),
        new BaseFilesCache(cacheDir, events::add),
        events::add);
  }

  private static CredentialProvider user(String registry, String password) {
    return host ->
        host.equals(registry)
            ? Optional.of(new Credential(services.registryUser(), password))
            : Optional.empty();
  }

  private static Throwable timed(ThrowingCall call) {
    long start = System.nanoTime();
    Throwable thrown = catchThrowable(call::run);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
    return thrown;
  }

  private interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void aPlainHttpRegistryWithoutAllowInsecureFailsFastSayingWhatToSet() throws Exception {
    String reference = JenkinsBaseImages.inRegistry(Variant.PLAIN).reference();
    String host = services.plainRegistry();

    try (RegistryBaseSource source = source(reference, false, CredentialProvider.NONE)) {
      Throwable thrown = timed(() -> source.resolve(ImagePlatform.LINUX_AMD64));

      assertThat(thrown)
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("registry " + host + " of base image " + reference)
          .hasMessageContaining("plain-http");
      JenkinsDindException e = (JenkinsDindException) thrown;
      assertThat(e.setting()).contains(Setting.ALLOW_INSECURE_REGISTRIES);
      assertThat(e.suggestion())
          .contains(
              "perhaps you should set allowInsecureRegistries=true if "
                  + host
                  + " is a plain-http or self-signed registry you trust");
    }
    // the same check guards a push target
    Throwable target =
        timed(
            () ->
                RegistryPreflight.defaults()
                    .check(host + "/team/jenkins-dind:1", Setting.IMAGE, false));
    assertThat(target)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("target image");
    // and lets it through when insecure registries are allowed
    RegistryPreflight.defaults().check(host + "/team/jenkins-dind:1", Setting.IMAGE, true);
  }

  @Test
  void aSelfSignedCertificateWithoutAllowInsecureIsNotTrustedAndSaysSoFast() throws Exception {
    try (RegistryBaseSource source =
        source(
            onTls.reference(), false, user(services.tlsRegistry(), services.registryPassword()))) {
      Throwable thrown = timed(() -> source.resolve(ImagePlatform.LINUX_AMD64));

      assertThat(thrown)
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("the TLS certificate of registry " + services.tlsRegistry())
          .hasMessageContaining("is not trusted");
      JenkinsDindException e = (JenkinsDindException) thrown;
      assertThat(e.setting()).contains(Setting.ALLOW_INSECURE_REGISTRIES);
      assertThat(e.suggestion().orElseThrow())
          .contains("the system property javax.net.ssl.trustStore=<that file>")
          .contains("allowInsecureRegistries");
    }
  }

  @Test
  void theRightPasswordReadsTheBaseOverTls() throws Exception {
    try (RegistryBaseSource source =
        source(
            onTls.reference(), true, user(services.tlsRegistry(), services.registryPassword()))) {
      BaseManifest manifest = source.resolve(ImagePlatform.LINUX_AMD64);

      assertThat(manifest.digest()).isEqualTo(onTls.digest());
      assertThat(Layers.smallFiles(source.openLayer(manifest.layers().get(0))))
          .containsEntry("etc/passwd", RegistryTestImages.PASSWD);
    }
    assertThat(events)
        .extracting(Object::toString)
        .noneMatch(s -> s.contains(services.registryPassword()));
  }

  @Test
  void aWrongOrMissingPasswordIsAnAuthenticationErrorNamingTheHost() throws Exception {
    String host = services.tlsRegistry();
    String wrong = "wrong-" + services.registryPassword();
    for (CredentialProvider provider : List.of(user(host, wrong), CredentialProvider.NONE)) {
      try (RegistryBaseSource source = source(onTls.reference(), true, provider)) {
        Throwable thrown = timed(() -> source.resolve(ImagePlatform.LINUX_AMD64));

        assertThat(thrown)
            .isInstanceOf(RegistryAuthenticationException.class)
            .hasMessageContaining(
                "registry " + host + " denied access to base image " + onTls.reference())
            .hasMessageNotContaining(wrong)
            .hasMessageNotContaining(services.registryPassword());
        RegistryAuthenticationException e = (RegistryAuthenticationException) thrown;
        assertThat(e.registry()).isEqualTo(host);
        assertThat(e.setting()).contains(Setting.FROM);
        assertThat(e.suggestionParts())
            .contains(Suggestion.perhaps().text("give ").credentials(host).build());
        assertThat(e.suggestion().orElseThrow()).contains("docker login " + host);
      }
    }
    assertThat(events).extracting(Object::toString).noneMatch(s -> s.contains(wrong));
  }

  @Test
  void aPlainHttpRegistryAskingForAPasswordDoesNotGetIt() throws Exception {
    String host = services.authRegistry();
    String reference = host + "/regtest/anything:1";

    try (RegistryBaseSource source =
        source(reference, true, user(host, services.registryPassword()))) {
      Throwable thrown = timed(() -> source.resolve(ImagePlatform.LINUX_AMD64));

      assertThat(thrown)
          .isInstanceOf(RegistryAuthenticationException.class)
          .hasMessageContaining("credentials are not sent over plain http")
          .hasMessageNotContaining(services.registryPassword());
      assertThat(((JenkinsDindException) thrown).suggestion().orElseThrow())
          .contains("the system property sendCredentialsOverHttp=true");
    }
  }

  @Test
  void aClosedPortIsAnUnreachableRegistryWhateverTheInsecureSetting() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String reference = "127.0.0.1:" + port + "/regtest/x:1";
    for (boolean allowInsecure : List.of(false, true)) {
      try (RegistryBaseSource source = source(reference, allowInsecure, CredentialProvider.NONE)) {
        Throwable thrown = timed(() -> source.resolve(ImagePlatform.LINUX_AMD64));

        assertThat(thrown)
            .isExactlyInstanceOf(EnvironmentException.class)
            .hasMessageStartingWith("registry 127.0.0.1:" + port + " is unreachable");
        assertThat(((JenkinsDindException) thrown).setting()).contains(Setting.FROM);
      }
    }
  }

  @Test
  void closingALayerEarlyAbortsTheDownloadInsteadOfDrainingIt() throws Exception {
    // The plain-http auth registry: its access log counts the bytes sent. Over TLS 1.3 the JDK's
    // own
    // SSLSocket.close() skips what the socket has available, which on loopback can be much of the
    // blob.
    String host = services.authRegistry();
    String previous = System.setProperty("sendCredentialsOverHttp", "true");
    try {
      RegistryTestImages.Pushed onAuth =
          RegistryTestImages.push(
              host + "/regtest/auth:1",
              Set.of(new Platform("amd64", "linux")),
              ImageFormat.Docker,
              BIG,
              services.registryUser(),
              services.registryPassword());
      BaseManifest.Layer big;
      try (RegistryBaseSource source =
          source(onAuth.reference(), true, user(host, services.registryPassword()))) {
        big = source.resolve(ImagePlatform.LINUX_AMD64).layers().get(1);
        assertThat(big.size()).isGreaterThan(BIG);
        closeEarly(source.openLayer(big));
      }
      long sent =
          bytesSent(Path.of(services.property("registry.auth.log")), "regtest/auth", big.digest());
      assertThat(sent)
          .as("bytes the registry sent for the cancelled layer")
          .isBetween(256L * 1024, BIG / 2);
    } finally {
      if (previous == null) {
        System.clearProperty("sendCredentialsOverHttp");
      } else {
        System.setProperty("sendCredentialsOverHttp", previous);
      }
    }
  }

  @Test
  void closingATlsLayerEarlyEndsItsDownloadPromptly() throws Exception {
    try (RegistryBaseSource source =
        source(
            onTls.reference(), true, user(services.tlsRegistry(), services.registryPassword()))) {
      closeEarly(source.openLayer(source.resolve(ImagePlatform.LINUX_AMD64).layers().get(1)));
    }
  }

  /** Reads a little, closes, and checks that the close was quick and left no download thread. */
  private static void closeEarly(InputStream in) throws Exception {
    assertThat(in.readNBytes(256 * 1024)).hasSize(256 * 1024);
    long start = System.nanoTime();
    in.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    for (int i = 0; i < 50 && !pullThreads().isEmpty(); i++) {
      Thread.sleep(20);
    }
    assertThat(pullThreads()).isEmpty();
  }

  private static List<String> pullThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("jenkins-dind-pull-"))
        .toList();
  }

  /**
   * The byte count of the last GET of a blob in a registry's access log (combined format), waiting
   * for it.
   */
  private static long bytesSent(Path log, String repository, String digest) throws Exception {
    Pattern line =
        Pattern.compile(
            "\"GET /v2/"
                + repository
                + "/blobs/"
                + Pattern.quote(digest)
                + " HTTP/[0-9.]+\" (\\d+) (\\d+)");
    for (int i = 0; i < 100; i++) {
      Matcher last = null;
      for (String entry : Files.readAllLines(log)) {
        Matcher m = line.matcher(entry);
        if (m.find()) {
          last = m;
        }
      }
      if (last != null) {
        return Long.parseLong(last.group(2));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no GET of " + digest + " in " + log);
  }

  @Test
  void aJibPushUsesTheSameCredentialLookup() throws Exception {
    String host = services.tlsRegistry();
    RegistryCredentials credentials =
        new RegistryCredentials(user(host, services.registryPassword()), events::add);
    ImageReference target = ImageReference.parse(host + "/regtest/pushed-with-retriever:1");

    JibContainer pushed =
        Jib.fromScratch()
            .addLabel("test", "retriever")
            .containerize(
                Containerizer.to(
                        RegistryImage.named(target)
                            .addCredentialRetriever(credentials.retrieverFor(target)))
                    .setAllowInsecureRegistries(true)
                    .setBaseImageLayersCache(cacheDir.resolve("jib-base"))
                    .setApplicationLayersCache(cacheDir.resolve("jib-app")));
    assertThat(pushed.getDigest().toString()).startsWith("sha256:");

    // without credentials the same push fails, and RegistryErrors says why, for the image setting
    RegistryCredentials none = new RegistryCredentials(CredentialProvider.NONE, events::add);
    Throwable failure =
        catchThrowable(
            () ->
                Jib.fromScratch()
                    .addLabel("test", "no-credentials")
                    .containerize(
                        Containerizer.to(
                                RegistryImage.named(target)
                                    .addCredentialRetriever(none.retrieverFor(target)))
                            .setAllowInsecureRegistries(true)
                            .setBaseImageLayersCache(cacheDir.resolve("jib-base"))
                            .setApplicationLayersCache(cacheDir.resolve("jib-app"))));
    assertThat(failure).isNotNull();
    JenkinsDindException translated =
        RegistryErrors.translate(failure, Setting.IMAGE, target.toString());
    assertThat(translated).isInstanceOf(RegistryAuthenticationException.class);
    assertThat(translated.setting()).contains(Setting.IMAGE);
    assertThat(((RegistryAuthenticationException) translated).registry()).isEqualTo(host);
    assertThat(RegistryErrors.failingRegistry(failure)).contains(host);
  }

  @Test
  void aReadFailureIsAnIoExceptionCarryingTheTranslatedError() throws Exception {
    try (RegistryBaseSource source =
        source(
            onTls.reference(), true, user(services.tlsRegistry(), services.registryPassword()))) {
      source.resolve(ImagePlatform.LINUX_AMD64);
      InputStream in =
          source.openLayer(new BaseManifest.Layer("sha256:" + "1".repeat(64), 1, null));
      assertThatThrownBy(in::read)
          .isInstanceOf(IOException.class)
          .cause()
          .isInstanceOf(JenkinsDindException.class);
      in.close();
    }
  }
}
