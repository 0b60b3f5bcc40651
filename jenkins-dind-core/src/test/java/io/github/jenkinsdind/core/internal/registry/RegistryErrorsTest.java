package io.github.jenkinsdind.core.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.RegistryAuthenticationException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class RegistryErrorsTest {
  private static final String BASE = "registry.example.com:5000/jenkins/jenkins:lts";
  private static final String HOST = "registry.example.com:5000";
  private static final String TARGET = "127.0.0.1:5000/team/jenkins-dind:1";

  private static ExecutionException wrapped(Throwable t) {
    return new ExecutionException(new IOException("while pulling", t));
  }

  @Test
  void unauthorizedBecomesAnAuthenticationErrorNamingTheHostAndHowToLogIn() {
    RegistryUnauthorizedException jib =
        new RegistryUnauthorizedException(HOST, "jenkins/jenkins", null);

    JenkinsDindException e = RegistryErrors.translate(wrapped(jib), Setting.FROM, BASE);

    assertThat(e).isInstanceOf(RegistryAuthenticationException.class);
    assertThat(((RegistryAuthenticationException) e).registry()).isEqualTo(HOST);
    assertThat(e.getMessage()).contains("registry " + HOST).contains("base image " + BASE);
    assertThat(e.setting()).contains(Setting.FROM);
    assertThat(e.value()).contains(BASE);
    assertThat(e.suggestionParts().orElseThrow())
        .isEqualTo(Suggestion.perhaps().text("give ").credentials(HOST).build());
    assertThat(e.getCause()).isInstanceOf(ExecutionException.class);
  }

  @Test
  void failedTokenAuthenticationIsAnAuthenticationErrorForTheTarget() {
    RegistryAuthenticationFailedException jib =
        new RegistryAuthenticationFailedException("127.0.0.1:5000", "team/jenkins-dind", "401");

    JenkinsDindException e = RegistryErrors.translate(jib, Setting.IMAGE, TARGET);

    assertThat(e).isInstanceOf(RegistryAuthenticationException.class);
    assertThat(e.getMessage()).contains("target image " + TARGET);
    assertThat(e.setting()).contains(Setting.IMAGE);
    assertThat(((RegistryAuthenticationException) e).registry()).isEqualTo("127.0.0.1:5000");
  }

  @Test
  void insecureRegistryWithAPlainTlsFailureMeansPlainHttp() throws Exception {
    InsecureRegistryException jib =
        new InsecureRegistryException(
            new URL("https://" + HOST + "/v2/"),
            new SSLException("Unsupported or unrecognized SSL message"));

    JenkinsDindException e = RegistryErrors.translate(wrapped(jib), Setting.FROM, BASE);

    assertThat(e).isInstanceOf(ConfigurationException.class);
    assertThat(e.setting()).contains(Setting.ALLOW_INSECURE_REGISTRIES);
    assertThat(e.value()).contains("false");
    assertThat(e.getMessage()).contains("plain-http").contains(HOST);
    assertThat(e.suggestion())
        .contains(
            "perhaps you should set allowInsecureRegistries=true if "
                + HOST
                + " is a plain-http or self-signed registry you trust");
    assertThat(RegistryErrors.failingRegistry(wrapped(jib))).contains(HOST);
  }

  @Test
  void anUntrustedCertificateSaysSoAndSuggestsTheTruststore() throws Exception {
    SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
    handshake.initCause(
        new CertificateException(
            "unable to find valid certification path",
            new CertPathValidatorException("self-signed")));
    InsecureRegistryException jib =
        new InsecureRegistryException(new URL("https://" + HOST + "/v2/"), handshake);

    JenkinsDindException e = RegistryErrors.translate(jib, Setting.FROM, BASE);

    assertThat(e).isInstanceOf(ConfigurationException.class);
    assertThat(e.setting()).contains(Setting.ALLOW_INSECURE_REGISTRIES);
    assertThat(e.getMessage()).contains("certificate").contains("not trusted").contains(HOST);
    assertThat(e.suggestionParts().orElseThrow().parts())
        .contains(new Suggestion.SystemProperty("javax.net.ssl.trustStore", "<that file>"))
        .contains(new Suggestion.SetTo(Setting.ALLOW_INSECURE_REGISTRIES, "true"));
    assertThat(e.suggestion().orElseThrow())
        .contains("the system property javax.net.ssl.trustStore=<that file>")
        .doesNotContain("-D");
    assertThat(RegistryErrors.isCertificateProblem(jib)).isTrue();
    assertThat(RegistryErrors.isCertificateProblem(new SSLException("plain"))).isFalse();
  }

  @Test
  void refusedConnectionsAndUnknownHostsAreUnreachableRegistries() {
    JenkinsDindException refused =
        RegistryErrors.translate(
            wrapped(new ConnectException("Connection refused")), Setting.FROM, BASE);
    assertThat(refused).isExactlyInstanceOf(EnvironmentException.class);
    assertThat(refused.getMessage())
        .isEqualTo("registry " + HOST + " is unreachable (Connection refused)");
    assertThat(refused.setting()).contains(Setting.FROM);
    assertThat(refused.suggestion().orElseThrow()).startsWith("perhaps you should");

    JenkinsDindException unknown =
        RegistryErrors.translate(
            new UnknownHostException("registry.example.com"), Setting.IMAGE, TARGET);
    assertThat(unknown.getMessage())
        .isEqualTo("registry 127.0.0.1:5000 is unreachable (unknown host)");
    assertThat(unknown.setting()).contains(Setting.IMAGE);

    JenkinsDindException timeout =
        RegistryErrors.translate(new SocketTimeoutException("Read timed out"), Setting.FROM, BASE);
    assertThat(timeout.getMessage()).contains("did not answer in time");
  }

  @Test
  void aConnectionCutUnderATransferSaysSoAndToBuildAgain() {
    for (IOException cut :
        List.of(
            new SocketException("Broken pipe"),
            new SocketException("Connection reset"),
            new EOFException("Unexpected end of file"))) {
      JenkinsDindException e = RegistryErrors.translate(wrapped(cut), Setting.IMAGE, TARGET);

      assertThat(e).as(cut.getMessage()).isExactlyInstanceOf(EnvironmentException.class);
      assertThat(e.getMessage())
          .isEqualTo(
              "the connection to registry 127.0.0.1:5000 broke off during the transfer of target"
                  + " image "
                  + TARGET
                  + " ("
                  + cut.getMessage()
                  + ")");
      assertThat(e.setting()).contains(Setting.IMAGE);
      assertThat(e.suggestion().orElseThrow())
          .startsWith("perhaps you should check that the registry is running")
          .contains("build again");
    }
    JenkinsDindException refused =
        RegistryErrors.translate(
            wrapped(new ConnectException("Connection refused")), Setting.IMAGE, TARGET);
    assertThat(refused.getMessage()).contains("is unreachable");
  }

  @Test
  void anUnknownManifestIsAnImageNotFound() {
    RegistryException jib =
        new RegistryException(
            "Tried to pull image manifest for "
                + HOST
                + "/jenkins/jenkins:lts but failed because: manifest unknown");

    JenkinsDindException e = RegistryErrors.translate(wrapped(jib), Setting.FROM, BASE);

    assertThat(e).isInstanceOf(ConfigurationException.class);
    assertThat(e.getMessage()).isEqualTo("image " + BASE + " not found in " + HOST);
    assertThat(e.setting()).contains(Setting.FROM);
    assertThat(e.getCause()).isInstanceOf(ExecutionException.class);
  }

  @Test
  void anExceptionOfTheApiInTheChainIsKept() {
    ConfigurationException inner =
        new ConfigurationException("already clear", Setting.PLATFORM, "linux/s390x", "fix it");

    assertThat(RegistryErrors.translate(wrapped(inner), Setting.FROM, BASE)).isSameAs(inner);
  }

  @Test
  void anythingElseIsAnEnvironmentErrorWithTheDeepestMessage() {
    JenkinsDindException e =
        RegistryErrors.translate(
            wrapped(new IllegalStateException("disk full\nsecond line")), Setting.FROM, BASE);

    assertThat(e).isExactlyInstanceOf(EnvironmentException.class);
    assertThat(e.getMessage())
        .isEqualTo("could not access base image " + BASE + " on registry " + HOST + ": disk full");
  }

  @Test
  void findsTheRegistryOfAReference() {
    assertThat(RegistryErrors.registryOf("jenkins/jenkins:lts")).isEqualTo("registry-1.docker.io");
    assertThat(RegistryErrors.registryOf("127.0.0.1:5000/a/b@sha256:" + "a".repeat(64)))
        .isEqualTo("127.0.0.1:5000");
    assertThat(RegistryErrors.registryOf("Not A Reference/x")).isEqualTo("Not A Reference");
    assertThat(
            RegistryErrors.failingRegistry(
                new RegistryUnauthorizedException("127.0.0.1:5001", "x/y", null)))
        .contains("127.0.0.1:5001");
  }

  @Test
  void suggestionsNameSystemPropertiesAndCredentialsAsPartsNeverInAFrontEndsSyntax() {
    Suggestion notSent =
        RegistryFaults.credentialsNotSent(Setting.FROM, BASE, HOST, null)
            .suggestionParts()
            .orElseThrow();
    Suggestion timedOut =
        RegistryFaults.timedOut(Setting.IMAGE, TARGET, HOST, null).suggestionParts().orElseThrow();
    Suggestion untrusted =
        RegistryFaults.untrustedCertificate(Setting.FROM, BASE, HOST, null, null)
            .suggestionParts()
            .orElseThrow();

    assertThat(notSent.parts())
        .contains(new Suggestion.SystemProperty("sendCredentialsOverHttp", "true"));
    assertThat(timedOut.parts()).contains(new Suggestion.SystemProperty("jib.httpTimeout", "<ms>"));
    assertThat(untrusted.parts())
        .contains(new Suggestion.SystemProperty("javax.net.ssl.trustStore", "<that file>"));
    for (Suggestion s : List.of(notSent, timedOut, untrusted)) {
      assertThat(s.toString())
          .startsWith("perhaps you should ")
          .doesNotContain("-D")
          .doesNotContain("settings.xml")
          .doesNotContain("<server>");
    }
  }
}
