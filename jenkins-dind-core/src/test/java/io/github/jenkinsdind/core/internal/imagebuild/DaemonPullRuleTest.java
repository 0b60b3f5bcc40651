package io.github.jenkinsdind.core.internal.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.tools.jib.api.ImageReference;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Credential;
import io.github.jenkinsdind.core.api.CredentialProvider;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.registry.RegistryCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DaemonPullRuleTest {
  private static final String REGISTRY = "registry.invalid:5001";
  private static final String PASSWORD = "s3cret-of-the-test";

  private final List<Event> events = new ArrayList<>();
  private final List<String> checks = new ArrayList<>();
  private final AtomicInteger lookups = new AtomicInteger();
  private final AtomicInteger probes = new AtomicInteger();

  private RegistryCredentials credentials(boolean present) {
    CredentialProvider provider =
        registry -> {
          lookups.incrementAndGet();
          return present && registry.equals(REGISTRY)
              ? Optional.of(new Credential("user", PASSWORD))
              : Optional.empty();
        };
    return new RegistryCredentials(provider, events::add);
  }

  private DaemonPullRule rule(
      boolean allowInsecure, boolean sendOverHttp, boolean credential, boolean tls) {
    return rule(allowInsecure, sendOverHttp, credential, tls, false);
  }

  private DaemonPullRule rule(
      boolean allowInsecure,
      boolean sendOverHttp,
      boolean credential,
      boolean tls,
      boolean logged) {
    return new DaemonPullRule(
        allowInsecure,
        sendOverHttp,
        credentials(credential),
        (reference, setting, insecure) -> checks.add(reference + " " + setting + " " + insecure),
        registry -> {
          probes.incrementAndGet();
          assertThat(registry).isEqualTo(REGISTRY);
          return tls;
        },
        () -> logged);
  }

  private static ImageReference base() throws Exception {
    return ImageReference.parse(REGISTRY + "/jenkins:lts");
  }

  @Test
  void theCredentialOfAPlainHttpRegistryIsWithheldAndTheReasonNamesTheSystemProperty()
      throws Exception {
    DaemonPullRule.Auth auth = rule(true, false, true, false).decide(base());

    assertThat(auth.credential()).isEmpty();
    assertThat(auth.withheld())
        .hasValue(
            "registry "
                + REGISTRY
                + " does not speak https, and credentials go over plain http only with the"
                + " system property sendCredentialsOverHttp=true");
    assertThat(checks).containsExactly(REGISTRY + "/jenkins:lts " + Setting.FROM + " true");
  }

  @Test
  void sendCredentialsOverHttpHandsTheCredentialOverWithoutAskingTheTransport() throws Exception {
    DaemonPullRule.Auth auth = rule(true, true, true, false).decide(base());

    assertThat(auth.credential())
        .hasValueSatisfying(c -> assertThat(c.getUsername()).isEqualTo("user"));
    assertThat(auth.withheld()).isEmpty();
    assertThat(probes).hasValue(0);
  }

  @Test
  void anHttpsRegistryGetsTheCredential() throws Exception {
    DaemonPullRule.Auth auth = rule(false, false, true, true).decide(base());

    assertThat(auth.credential()).isPresent();
    assertThat(auth.withheld()).isEmpty();
    assertThat(checks).containsExactly(REGISTRY + "/jenkins:lts " + Setting.FROM + " false");
  }

  @Test
  void withDebugLoggingOfTheDockerClientsHeadersTheCredentialIsWithheld() throws Exception {
    DaemonPullRule.Auth auth = rule(false, false, true, true, true).decide(base());

    assertThat(auth.credential()).isEmpty();
    assertThat(auth.withheld())
        .hasValue(
            "with debug logging, the Docker client logs the request header that would carry the"
                + " credentials for registry "
                + REGISTRY);
  }

  @Test
  void withoutACredentialTheDaemonPullsAnonymouslyAndNothingIsWithheld() throws Exception {
    DaemonPullRule.Auth auth = rule(true, false, false, false).decide(base());

    assertThat(auth).isEqualTo(new DaemonPullRule.Auth(Optional.empty(), Optional.empty()));
    assertThat(probes).hasValue(0);
  }

  @Test
  void aFailedPreflightComesBeforeTheCredentialLookupAndStopsThePull() throws Exception {
    DaemonPullRule rule =
        new DaemonPullRule(
            false,
            false,
            credentials(true),
            (reference, setting, insecure) -> {
              throw new ConfigurationException("plain http", setting, reference, "", null);
            },
            registry -> true,
            () -> false);

    assertThatThrownBy(() -> rule.decide(base())).hasMessage("plain http");
    assertThat(lookups).hasValue(0);
    assertThat(rule.decideAndSay(base(), REGISTRY + "/jenkins:lts", events::add)).isEmpty();
    assertThat(events)
        .singleElement()
        .isEqualTo(
            Event.debug(
                "the Docker daemon does not pull the base "
                    + REGISTRY
                    + "/jenkins:lts: plain http"));
  }

  @Test
  void theBuildSaysWhetherTheDaemonPullsAnonymouslyAndNeverTheSecret() throws Exception {
    String named = REGISTRY + "/jenkins:lts";
    assertThat(rule(true, false, true, false).decideAndSay(base(), named, events::add)).isPresent();
    assertThat(rule(true, true, true, false).decideAndSay(base(), named, events::add)).isPresent();

    assertThat(events)
        .filteredOn(e -> e instanceof Event.Log log && log.level() != Event.Level.DEBUG)
        .map(e -> ((Event.Log) e).message())
        .containsExactly(
            "The Docker daemon pulls the base "
                + named
                + " itself, anonymously, while the build reads it: registry "
                + REGISTRY
                + " does not speak https, and credentials go over plain http only with the"
                + " system property sendCredentialsOverHttp=true",
            "The Docker daemon pulls the base " + named + " itself, while the build reads it");
    assertThat(events)
        .map(e -> ((Event.Log) e).message())
        .contains("the Docker daemon is given the credentials for registry " + REGISTRY)
        .noneMatch(message -> message.contains(PASSWORD));
  }
}
