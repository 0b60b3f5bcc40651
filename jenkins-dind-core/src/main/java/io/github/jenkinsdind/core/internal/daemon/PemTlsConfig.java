package io.github.jenkinsdind.core.internal.daemon;

import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.core.SSLConfig;
import com.github.dockerjava.core.util.CertificateUtils;
import io.github.jenkinsdind.core.internal.daemon.DockerEndpoint.TlsFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Security;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * docker-java's TLS settings made from the docker CLI's PEM files: the daemon's certificate is
 * checked against {@code ca.pem} (or the JVM's trusted CAs when a context has none), and {@code
 * cert.pem} with {@code key.pem} are the client certificate, when given. Unlike docker-java's
 * {@code LocalDirectorySSLConfig}, a file that is missing or unreadable is an error, never a silent
 * fall back to plain HTTP.
 *
 * @param files the PEM files
 */
record PemTlsConfig(TlsFiles files) implements SSLConfig {
  /**
   * Checks the files are given.
   *
   * @param files the PEM files
   */
  PemTlsConfig {
    Objects.requireNonNull(files, "files");
  }

  @Override
  public SSLContext getSSLContext() {
    // docker-java's PEM reading asks for BouncyCastle by name, as its LocalDirectorySSLConfig does
    if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
      Security.addProvider(new BouncyCastleProvider());
    }
    try {
      KeyManager[] keys = null;
      if (files.cert().isPresent()) {
        KeyStore store =
            CertificateUtils.createKeyStore(
                read(files.key().orElseThrow()), read(files.cert().get()));
        KeyManagerFactory factory =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        // docker-java's key store protects the key with this password
        factory.init(store, "docker".toCharArray());
        keys = factory.getKeyManagers();
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(
          files.ca().isPresent()
              ? CertificateUtils.createTrustStore(read(files.ca().get()))
              : null);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new DockerClientException(
          "cannot use the TLS files (" + files.describe() + "): " + e.getMessage(), e);
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.US_ASCII);
  }
}
