package io.github.jenkinsdind.it.support;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import io.github.jenkinsdind.core.internal.index.ImageIndex;
import io.github.jenkinsdind.core.internal.index.IndexPlatform;
import io.github.jenkinsdind.core.internal.index.IndexPush;
import io.github.jenkinsdind.core.internal.index.PlatformImage;
import io.github.jenkinsdind.core.internal.jib.RegistrySession;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Built;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Spec;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Variant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Multi-platform Jenkins-shaped bases for the integration tests: the shape of {@link
 * JenkinsBaseImages} for linux/amd64, linux/arm64 and linux/ppc64le, each platform with the static
 * busybox of its own architecture ({@link ForeignBinaries}), tied together by one image index in
 * the plain registry.
 *
 * <p>Jib's multi-platform build puts the same layers on every platform, so each platform is built
 * alone and pushed under its own tag ({@code <tag>-<architecture>}); the index is then made and
 * pushed under {@code <tag>} by the core's {@link IndexPush}, in the format that follows the
 * manifests': Jib's Docker format gives a Docker manifest list, {@link ImageFormat#OCI} an OCI
 * index. Typical use:
 *
 * <pre>{@code
 * MultiBuilt base = MultiPlatformBases.inRegistry(MultiPlatformBases.ALL, ImageFormat.OCI);
 * base.reference();                 // 127.0.0.1:5000/fixtures/jenkins:plain-libXXXX-amd64-arm64-ppc64le-oci
 * base.platforms().get("linux/arm64").digest();
 * }</pre>
 *
 * Needs {@code .ci/services.sh} (the plain registry) and {@code .ci/foreign-binaries.sh}.
 */
public final class MultiPlatformBases {

  /** linux/amd64. */
  public static final Platform AMD64 = new Platform("amd64", "linux");

  /** linux/arm64. */
  public static final Platform ARM64 = new Platform("arm64", "linux");

  /** linux/ppc64le. */
  public static final Platform PPC64LE = new Platform("ppc64le", "linux");

  /** The three platforms, in the order the index lists them. */
  public static final List<Platform> ALL = List.of(AMD64, ARM64, PPC64LE);

  /**
   * An index and the images it ties together.
   *
   * @param reference the index's reference, {@code registry/repository:tag}
   * @param index the index pushed
   * @param platforms each platform's image ({@code os/architecture} to the image), in index order
   */
  public record MultiBuilt(String reference, ImageIndex index, Map<String, Built> platforms) {
    /**
     * Returns the index as a {@link Built}: its reference and digest, and (an index has no config)
     * the image id of its first platform.
     *
     * @return the index as a built image
     */
    public Built built() {
      return new Built(
          reference, index.digest(), platforms.values().iterator().next().imageId(), null);
    }
  }

  private static final Map<String, MultiBuilt> BUILT = new HashMap<>();
  private static final Map<Path, Built> TARS = new HashMap<>();

  private MultiPlatformBases() {}

  /**
   * Pushes the {@link Variant#PLAIN} shape for the platforms, and their index, once per JVM.
   *
   * @param platforms the platforms, in index order
   * @param format Docker or OCI manifests (and so a Docker manifest list or an OCI index)
   * @return the index and its images
   */
  public static MultiBuilt inRegistry(List<Platform> platforms, ImageFormat format) {
    Spec spec = Spec.of(Variant.PLAIN);
    StringBuilder tag = new StringBuilder(JenkinsBaseImages.fixtureTag(spec));
    platforms.forEach(p -> tag.append('-').append(p.getArchitecture()));
    tag.append(format == ImageFormat.OCI ? "-oci" : "-docker");
    String reference =
        TestServices.get().plainRegistry()
            + "/"
            + JenkinsBaseImages.REGISTRY_REPOSITORY
            + ":"
            + tag;
    return inRegistry(spec, platforms, format, reference);
  }

  /**
   * Pushes a spec for the platforms, each under {@code <tag>-<architecture>}, and their index under
   * the reference's tag, once per JVM.
   *
   * @param spec the shape and war size
   * @param platforms the platforms, in index order
   * @param format Docker or OCI manifests
   * @param reference {@code registry/repository:tag} of the index
   * @return the index and its images
   */
  public static synchronized MultiBuilt inRegistry(
      Spec spec, List<Platform> platforms, ImageFormat format, String reference) {
    MultiBuilt done = BUILT.get(reference);
    if (done != null) {
      return done;
    }
    ImageReference index = parse(reference);
    Map<String, Built> images = new LinkedHashMap<>();
    List<PlatformImage> pushed = new ArrayList<>();
    for (Platform platform : platforms) {
      String one = reference + "-" + platform.getArchitecture();
      Built built =
          JenkinsBaseImages.build(
              spec, platform, format, Containerizer.to(RegistryImage.named(parse(one))), one, null);
      IndexPlatform indexPlatform = IndexPlatform.of(platform.getOs(), platform.getArchitecture());
      images.put(indexPlatform.toString(), built);
      pushed.add(new PlatformImage(indexPlatform, built.digest()));
    }
    try (RegistrySession session =
        RegistrySession.forPush(
            index.getRegistry(), index.getRepository(), Optional.empty(), true, log -> {})) {
      ImageIndex pushedIndex =
          IndexPush.push(session, pushed, List.of(index.getTag().orElseThrow()));
      MultiBuilt result = new MultiBuilt(reference, pushedIndex, images);
      BUILT.put(reference, result);
      return result;
    } catch (Exception e) {
      throw new AssertionError(
          "Cannot push the index "
              + reference
              + ": "
              + e
              + " (perhaps you should run .ci/services.sh)",
          e);
    }
  }

  /**
   * Writes the {@link Variant#PLAIN} shape of each platform to its own OCI image layout tar, as Jib
   * writes a {@link TarImage} with {@link ImageFormat#OCI}, once per JVM.
   *
   * @param platforms the platforms
   * @return each platform's tar, in order ({@code os/architecture} to the tar)
   */
  public static synchronized Map<String, Built> ociTars(List<Platform> platforms) {
    Spec spec = Spec.of(Variant.PLAIN);
    Map<String, Built> tars = new LinkedHashMap<>();
    for (Platform platform : platforms) {
      String name =
          JenkinsBaseImages.DAEMON_REPOSITORY + ":" + spec.tag() + "-" + platform.getArchitecture();
      Path tar =
          JenkinsBaseImages.staging()
              .resolve("jenkins-" + spec.tag() + "-" + platform.getArchitecture() + "-oci.tar");
      Built built =
          TARS.computeIfAbsent(
              tar,
              file ->
                  JenkinsBaseImages.build(
                      spec,
                      platform,
                      ImageFormat.OCI,
                      Containerizer.to(TarImage.at(file).named(parse(name))),
                      name,
                      file));
      tars.put(platform.getOs() + "/" + platform.getArchitecture(), built);
    }
    return tars;
  }

  private static ImageReference parse(String reference) {
    try {
      return ImageReference.parse(reference);
    } catch (InvalidImageReferenceException e) {
      throw new IllegalArgumentException("Not an image reference: " + reference, e);
    }
  }
}
