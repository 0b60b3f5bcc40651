package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.RegistryException;
import io.github.jenkinsdind.core.api.BuildResult;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.base.BaseReference;
import io.github.jenkinsdind.core.internal.jib.RegistrySession;
import io.github.jenkinsdind.core.internal.uptodate.BuildInputs;
import io.github.jenkinsdind.core.internal.uptodate.BuildRecord;
import io.github.jenkinsdind.core.internal.uptodate.BuildRecords;
import io.github.jenkinsdind.core.internal.uptodate.FileStamp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The check that makes an unchanged rebuild cheap. Before anything is read, it asks what identifies
 * the base (a {@code HEAD} of its manifest, the daemon's image ID, or the tar file's stamp), makes
 * the fingerprint of the inputs ({@link BuildInputs}), and looks for the record of an earlier build
 * with that fingerprint ({@link BuildRecords}). If the target still holds that build's image (the
 * registry has the manifest, the daemon the image ID, the tar file is the one written), it
 * re-applies the tags that moved and the build ends there. Anything it cannot tell, or any failure,
 * means a full build, which then reports the failure in its own words.
 */
final class UpToDateStep {
  private final BuildContext context;
  private final BuildRecords records;

  /**
   * Prepares the check.
   *
   * @param context the build's context
   */
  UpToDateStep(BuildContext context) {
    this.context = Objects.requireNonNull(context, "context");
    this.records = new BuildRecords(context.layout().builds());
  }

  /**
   * Makes the fingerprint of the build's inputs.
   *
   * @param checked the checked request
   * @param daemon the daemon connection, for a daemon base
   * @return the inputs, or empty if this build cannot be checked
   */
  Optional<BuildInputs> inputs(CheckedRequest checked, DaemonConnection daemon) {
    Optional<String> uncheckable = BuildInputs.uncheckable(context.request());
    if (uncheckable.isPresent()) {
      debug("Not checked for an unchanged rebuild: " + uncheckable.get());
      return Optional.empty();
    }
    try {
      Optional<String> base = baseIdentity(checked.base(), checked, daemon);
      if (base.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(BuildInputs.of(context.request(), base.get(), Producer.IDENTITY));
    } catch (IOException | RegistryException | JenkinsDindException | RuntimeException e) {
      debug("Not checked for an unchanged rebuild: " + e);
      return Optional.empty();
    }
  }

  /**
   * Finds an earlier build of the same inputs whose image the target still holds.
   *
   * @param inputs the inputs
   * @param checked the checked request
   * @param daemon the daemon connection, for a {@code docker} target
   * @param start when the build started ({@link System#nanoTime()})
   * @return the earlier build's result, marked up to date, or empty if the image must be built
   */
  Optional<BuildResult> upToDate(
      BuildInputs inputs, CheckedRequest checked, DaemonConnection daemon, long start) {
    Optional<BuildRecord> found = records.find(inputs.fingerprint());
    if (found.isEmpty()) {
      debug("No earlier build of these inputs (" + inputs.fingerprint() + ")");
      return Optional.empty();
    }
    BuildRecord record = found.get();
    try {
      if (!TargetHolds.holds(context, checked, daemon, record)) {
        return Optional.empty();
      }
    } catch (IOException | RegistryException | JenkinsDindException | RuntimeException e) {
      debug("The target's image could not be checked, so it is built: " + e);
      return Optional.empty();
    }
    return Optional.of(record.result(java.time.Duration.ofNanos(System.nanoTime() - start)));
  }

  /**
   * Remembers what a build made under its inputs' fingerprint.
   *
   * @param inputs the inputs, as they were before the build
   * @param result what it made
   */
  void remember(BuildInputs inputs, BuildResult result) {
    try {
      ImageTarget target = context.request().target();
      String tarStamp =
          target instanceof ImageTarget.TarFile
              ? FileStamp.of(((ImageTarget.TarFile) target).file())
              : null;
      records.write(BuildRecord.of(inputs.fingerprint(), result, tarStamp));
    } catch (IOException | RuntimeException e) {
      context.events().handle(Event.warn("The build could not be remembered: " + e));
    }
  }

  private Optional<String> baseIdentity(
      BaseReference base, CheckedRequest checked, DaemonConnection daemon)
      throws IOException, RegistryException, JenkinsDindException {
    switch (base.kind()) {
      case TAR:
        return Optional.of(FileStamp.of(base.tarPath()));
      case DAEMON:
        if (daemon.engine().isEmpty()) {
          return Optional.empty();
        }
        return daemon
            .engine()
            .get()
            .image(base.imageReference().toString())
            .map(image -> image.getId());
      default:
        return registryDigest(base.imageReference(), checked);
    }
  }

  private Optional<String> registryDigest(ImageReference image, CheckedRequest checked)
      throws IOException, RegistryException, JenkinsDindException {
    if (image.getDigest().isPresent()) {
      return image.getDigest();
    }
    Optional<Credential> credential = checked.credentials().credentialFor(image, Setting.FROM);
    try (RegistrySession session =
        RegistrySession.forPull(
            image.getRegistry(),
            image.getRepository(),
            credential,
            context.request().allowInsecureRegistries(),
            message -> debug("jib: " + message))) {
      return session.manifestDigest(image.getQualifier());
    }
  }

  private void debug(String message) {
    context.events().handle(Event.debug(message));
  }

  /** What identifies the code that builds: a record is only good for the code that wrote it. */
  static final class Producer {
    /** The core's version and the stamp of its jar (or classes directory). */
    static final String IDENTITY = identify();

    private Producer() {}

    private static String identify() {
      String version = UpToDateStep.class.getPackage().getImplementationVersion();
      try {
        Path code =
            Path.of(UpToDateStep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return version + " " + FileStamp.of(code);
      } catch (java.net.URISyntaxException | IOException | RuntimeException e) {
        return version + " unknown " + System.nanoTime();
      }
    }
  }
}
