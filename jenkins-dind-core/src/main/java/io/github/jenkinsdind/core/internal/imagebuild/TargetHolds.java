package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.RegistryException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import io.github.jenkinsdind.core.internal.jib.ManifestPush;
import io.github.jenkinsdind.core.internal.jib.RegistrySession;
import io.github.jenkinsdind.core.internal.uptodate.BuildRecord;
import io.github.jenkinsdind.core.internal.uptodate.FileStamp;
import java.io.IOException;
import java.util.Optional;

/**
 * Whether the target still holds the image an earlier build made, re-applying the tags that no
 * longer name it: each tag names the manifest in the registry (one small request per tag; a tag
 * that moved gets the manifest again, a few kB, if the registry still has it), the daemon has the
 * image ID (and each tag names it, or is set again), or the tar file is the one that build wrote.
 */
final class TargetHolds {
  private TargetHolds() {}

  /**
   * Checks the target, re-applying moved tags.
   *
   * @param context the build's context
   * @param checked the checked request
   * @param daemon the daemon connection, for a {@code docker} target
   * @param record the earlier build
   * @return whether the target holds its image, under every tag
   * @throws IOException if the registry cannot be reached or a file read
   * @throws RegistryException if the registry refuses
   * @throws JenkinsDindException if the daemon fails
   */
  static boolean holds(
      BuildContext context, CheckedRequest checked, DaemonConnection daemon, BuildRecord record)
      throws IOException, RegistryException, JenkinsDindException {
    ImageTarget target = context.request().target();
    if (target instanceof ImageTarget.Registry) {
      return registry(context, checked.target(), checked, record);
    }
    if (target instanceof ImageTarget.DockerDaemon) {
      return daemon.engine().isPresent()
          && daemon(context, daemon.engine().get(), checked.target(), record);
    }
    String stamp = FileStamp.of(((ImageTarget.TarFile) target).file());
    boolean same = stamp.equals(record.tarStamp());
    if (!same) {
      debug(context, "The tar file is not the one the earlier build wrote: " + stamp);
    }
    return same;
  }

  private static boolean registry(
      BuildContext context, ImageReference target, CheckedRequest checked, BuildRecord record)
      throws IOException, RegistryException, JenkinsDindException {
    Optional<Credential> credential = checked.credentials().credentialFor(target, Setting.IMAGE);
    try (RegistrySession session =
        RegistrySession.forPush(
            target.getRegistry(),
            target.getRepository(),
            credential,
            context.request().allowInsecureRegistries(),
            message -> debug(context, "jib: " + message))) {
      for (String tag : record.tags()) {
        if (session.manifestDigest(tag).equals(Optional.of(record.digest()))) {
          continue; // the tag names the image, so the repository has it
        }
        if (!session.manifestDigest(record.digest()).equals(Optional.of(record.digest()))) {
          debug(context, target.getRepository() + " no longer has " + record.digest());
          return false;
        }
        // an index (not written by Jib) cannot be read back byte for byte: a full build then
        ManifestPush.Manifest manifest = ManifestPush.pull(session, record.digest());
        ManifestPush.push(session, manifest.json(), manifest.mediaType(), tag);
        info(context, "Tagged " + target.withQualifier(tag).toStringWithQualifier() + " again");
      }
      return true;
    }
  }

  private static boolean daemon(
      BuildContext context, Engine engine, ImageReference target, BuildRecord record)
      throws JenkinsDindException {
    if (engine.image(record.imageId()).isEmpty()) {
      debug(context, "The daemon no longer has " + record.imageId());
      return false;
    }
    for (String tag : record.tags()) {
      String named = target.withQualifier(tag).toStringWithQualifier();
      Optional<String> current = engine.image(named).map(image -> image.getId());
      if (!current.equals(Optional.of(record.imageId()))) {
        String repository = named.substring(0, named.length() - tag.length() - 1);
        engine.run(
            "tag image " + named,
            () -> engine.client().tagImageCmd(record.imageId(), repository, tag).exec());
        info(context, "Tagged " + named + " again");
      }
    }
    return true;
  }

  private static void info(BuildContext context, String message) {
    context.events().handle(Event.info(message));
  }

  private static void debug(BuildContext context, String message) {
    context.events().handle(Event.debug(message));
  }
}
