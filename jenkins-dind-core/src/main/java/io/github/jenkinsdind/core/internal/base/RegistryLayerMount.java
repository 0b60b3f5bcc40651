package io.github.jenkinsdind.core.internal.base;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.blob.Blob;
import com.google.cloud.tools.jib.blob.BlobDescriptor;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.global.JibSystemProperties;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.registry.RegistryClient;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.registry.RegistryCredentials;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Mounts a base's layers into the target repository before Jib runs, when base and target live on
 * the same registry.
 *
 * <p>Jib skips downloading a base layer that already exists in the target repository, but it only
 * mounts a layer from the base repository after downloading it. Mounting first (a {@code POST
 * /v2/TARGET/blobs/uploads/?mount=DIGEST&from=BASE}, no bytes moved) turns a cold build on the same
 * registry into one that reads only the base's manifest, config and the top layers holding the
 * account files. Whatever cannot be mounted is left to Jib, which then downloads and pushes it as
 * usual: this is an optimisation, never a failure.
 *
 * <p>Like {@link RegistryBaseSource}, this uses jib-core's internal {@code RegistryClient}; the two
 * classes are the only ones that do.
 */
public final class RegistryLayerMount {
  private RegistryLayerMount() {}

  /**
   * Mounts the layers into the target repository, if base and target are on the same registry and
   * in different repositories.
   *
   * @param base the base image
   * @param target the target image
   * @param layers the base's layers
   * @param allowInsecureRegistries whether plain http is allowed
   * @param credentials where the target's credential comes from
   * @param events receives what was done
   * @return how many layers are now in the target repository without having been downloaded
   */
  public static int mount(
      ImageReference base,
      ImageReference target,
      List<BaseManifest.Layer> layers,
      boolean allowInsecureRegistries,
      RegistryCredentials credentials,
      EventHandler events) {
    if (!base.getRegistry().equals(target.getRegistry())
        || base.getRepository().equals(target.getRepository())
        || layers.isEmpty()) {
      return 0;
    }
    Consumer<LogEvent> jibLog = log -> events.handle(Event.debug("jib: " + log.getMessage()));
    FailoverHttpClient http =
        new FailoverHttpClient(
            allowInsecureRegistries, JibSystemProperties.sendCredentialsOverHttp(), jibLog);
    int mounted = 0;
    try {
      Credential credential = credentials.credentialFor(target, Setting.IMAGE).orElse(null);
      RegistryClient client =
          RegistryClient.factory(
                  EventHandlers.builder().add(LogEvent.class, jibLog).build(),
                  target.getRegistry(),
                  target.getRepository(),
                  base.getRepository(),
                  http)
              .setCredential(credential)
              .newRegistryClient();
      if (!client.doPushBearerAuth() && credential != null && !credential.isOAuth2RefreshToken()) {
        client.configureBasicAuth();
      }
      for (BaseManifest.Layer layer : layers) {
        DescriptorDigest digest = DescriptorDigest.fromDigest(layer.digest());
        if (client.checkBlob(digest).isPresent()
            || client.pushBlob(digest, NOT_UPLOADED, base.getRepository(), written -> {})) {
          mounted++;
        } else {
          break;
        }
      }
    } catch (JenkinsDindException
        | IOException
        | RegistryException
        | DigestException
        | RuntimeException e) {
      events.handle(
          Event.debug(
              "could not mount the base layers into "
                  + target.getRepository()
                  + " ("
                  + e
                  + "); Jib will copy them"));
    } finally {
      try {
        http.shutDown();
      } catch (IOException ignored) {
        // nothing is in flight any more
      }
    }
    if (mounted > 0) {
      events.handle(
          Event.info(
              "Mounted "
                  + mounted
                  + " of "
                  + layers.size()
                  + " base layers from "
                  + base.getRepository()
                  + " into "
                  + target.getRepository()
                  + " (no download)"));
    }
    return mounted;
  }

  /** Stands in for a layer's bytes: a registry that will not mount gets none of them. */
  private static final Blob NOT_UPLOADED =
      new Blob() {
        @Override
        public BlobDescriptor writeTo(OutputStream out) throws IOException {
          throw new IOException("the registry did not mount the layer; it is left to Jib");
        }

        @Override
        public boolean isRetryable() {
          return false;
        }
      };
}
