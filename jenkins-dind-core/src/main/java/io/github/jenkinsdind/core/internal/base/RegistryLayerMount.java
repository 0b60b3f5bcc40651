package io.github.jenkinsdind.core.internal.base;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.RegistryException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.jib.RegistrySession;
import io.github.jenkinsdind.core.internal.registry.RegistryCredentials;
import java.io.IOException;
import java.security.DigestException;
import java.util.List;
import java.util.Optional;

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
 * <p>Like {@link RegistryBaseSource}, this goes through {@link RegistrySession}.
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
    int mounted = 0;
    Optional<RegistrySession> opened = Optional.empty();
    try {
      Optional<Credential> credential = credentials.credentialFor(target, Setting.IMAGE);
      RegistrySession session =
          RegistrySession.forMount(
              target.getRegistry(),
              target.getRepository(),
              base.getRepository(),
              credential,
              allowInsecureRegistries,
              message -> events.handle(Event.debug("jib: " + message)));
      opened = Optional.of(session);
      for (BaseManifest.Layer layer : layers) {
        DescriptorDigest digest = DescriptorDigest.fromDigest(layer.digest());
        if (session.hasBlob(digest) || session.mountBlob(digest, base.getRepository())) {
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
      opened.ifPresent(RegistrySession::close);
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
}
