package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.index.ImageIndex;
import io.github.jenkinsdind.core.internal.index.IndexPlatform;
import io.github.jenkinsdind.core.internal.index.IndexPush;
import io.github.jenkinsdind.core.internal.index.OciLayoutTar;
import io.github.jenkinsdind.core.internal.index.PlatformImage;
import io.github.jenkinsdind.core.internal.jib.RegistrySession;
import io.github.jenkinsdind.core.internal.registry.RegistryErrors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The targets of a multi-platform image: each platform's image written without the target's tags,
 * then one image index that the tags name.
 *
 * <ul>
 *   <li>registry: each platform is pushed under {@code <tag>-<os>-<architecture>} (so that the
 *       target's tag is written once, at the end, and never names a part of the image), then the
 *       index is pushed under the tag and the additional tags; its format follows the platforms'
 *       manifests (a Docker manifest list for Jib's Docker-format images);
 *   <li>tar: each platform is written as an OCI layout tar into the build's temporary directory,
 *       then one OCI layout tar holding the index is written to {@code tarFile}.
 * </ul>
 */
final class IndexTargets implements PlatformTargets {
  private final BuildContext context;
  private final CheckedRequest checked;

  /**
   * Prepares the targets of a build.
   *
   * @param context the build's context
   * @param checked the checked request
   */
  IndexTargets(BuildContext context, CheckedRequest checked) {
    this.context = context;
    this.checked = checked;
  }

  /**
   * Makes the writer of one platform's image.
   *
   * @param platform the platform
   * @param ociTar where a tar target's platform image goes
   * @return the writer
   */
  @Override
  public TargetWriter platformWriter(ImagePlatform platform, Path ociTar) {
    ContainerizerSettings settings =
        new ContainerizerSettings(context.request(), context.layout(), context.events());
    ImageWrite jib = new JibImageWrite(context.request(), checked.base());
    ImageReference target = checked.target();
    if (context.request().target() instanceof ImageTarget.TarFile) {
      return new PlatformImageWriter(
          jib,
          ImageFormat.OCI,
          settings.applyUntagged(Containerizer.to(TarImage.at(ociTar).named(target))));
    }
    ImageReference named = platformReference(target, platform);
    return new PlatformImageWriter(
        jib,
        ImageFormat.Docker,
        settings.applyUntagged(
            Containerizer.to(
                RegistryImage.named(named)
                    .addCredentialRetriever(checked.credentials().retrieverFor(named)))));
  }

  /**
   * The reference one platform of a registry target is pushed under: the target's tag with the
   * platform after it, for example {@code ci/jenkins:1.0-linux-arm64}.
   *
   * @param target the target
   * @param platform the platform
   * @return the reference
   */
  static ImageReference platformReference(ImageReference target, ImagePlatform platform) {
    String tag = target.getTag().orElse("latest");
    return ImageReference.of(
        target.getRegistry(),
        target.getRepository(),
        (tag + "-" + platform.os() + "-" + platform.architecture())
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9_.-]", "-"));
  }

  /**
   * Writes the index of the platforms' images.
   *
   * @param images each platform with its image, in order
   * @param ociTars the platforms' OCI tars, in the same order (tar target)
   * @return the index as written: its digest, and the tags
   * @throws JenkinsDindException if it cannot be written
   */
  @Override
  public WrittenIndex writeIndex(List<Written> images, List<Path> ociTars)
      throws JenkinsDindException {
    ImageReference target = checked.target();
    List<String> tags = new ArrayList<>();
    tags.add(target.getTag().orElse("latest"));
    context.request().target().additionalTags().stream()
        .filter(t -> !tags.contains(t))
        .forEach(tags::add);
    ImageIndex index;
    if (context.request().target() instanceof ImageTarget.TarFile tar) {
      Path temp = TargetCheck.prepareTarFile(tar);
      try {
        index = OciLayoutTar.write(ociTars, layoutName(target), tags, tar.file());
      } catch (IOException e) {
        throw new EnvironmentException(
            "Could not write the multi-platform image to " + tar.file() + ": " + e.getMessage(),
            Setting.TAR_FILE,
            tar.file().toString(),
            Suggestion.perhaps()
                .text("point ")
                .setting(Setting.TAR_FILE)
                .text(" at a writable location")
                .build(),
            e);
      } finally {
        temp.toFile().delete();
      }
    } else {
      index = push(target, images, tags);
    }
    context
        .events()
        .handle(
            Event.info(
                "Wrote the image index "
                    + index.digest()
                    + " ("
                    + index.mediaType()
                    + ") of "
                    + images.size()
                    + " platforms under "
                    + String.join(", ", tags)));
    return new WrittenIndex(index.digest(), tags);
  }

  /**
   * The name a tar's index gives its image ({@code io.containerd.image.name}, with the tag after
   * it): the target's registry and repository as Docker names them, {@code docker.io} for Docker
   * Hub (Jib says {@code registry-1.docker.io}, a name {@code docker load} would keep as it is, so
   * that {@code docker run jenkins:1.0} would not find the image).
   *
   * @param target the target
   * @return for example {@code docker.io/library/jenkins} or {@code 127.0.0.1:5000/ci/jenkins}
   */
  static String layoutName(ImageReference target) {
    String registry = target.getRegistry();
    if (registry.equals("registry-1.docker.io") || registry.equals("index.docker.io")) {
      registry = "docker.io";
    }
    return registry + "/" + target.getRepository();
  }

  private ImageIndex push(ImageReference target, List<Written> images, List<String> tags)
      throws JenkinsDindException {
    Optional<Credential> credential = checked.credentials().credentialFor(target, Setting.IMAGE);
    List<PlatformImage> platformImages = new ArrayList<>();
    for (Written image : images) {
      platformImages.add(
          new PlatformImage(IndexPlatform.of(image.platform()), image.image().digest()));
    }
    try (RegistrySession session =
        RegistrySession.forPush(
            target.getRegistry(),
            target.getRepository(),
            credential,
            context.request().allowInsecureRegistries(),
            message -> context.events().handle(Event.debug("jib: " + message)))) {
      return IndexPush.push(session, platformImages, tags);
    } catch (IOException | com.google.cloud.tools.jib.api.RegistryException e) {
      throw RegistryErrors.translate(e, Setting.IMAGE, target.toString());
    }
  }

  /**
   * One platform's image, written.
   *
   * @param platform the platform
   * @param image the image
   */
  record Written(ImagePlatform platform, WrittenImage image) {}

  /**
   * The index, written.
   *
   * @param digest its digest
   * @param tags the tags that name it
   */
  record WrittenIndex(String digest, List<String> tags) {}
}
