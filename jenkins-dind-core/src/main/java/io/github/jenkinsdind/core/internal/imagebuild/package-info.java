/**
 * The image build, as steps ({@link io.github.jenkinsdind.core.internal.imagebuild.BuildSteps})
 * that {@link io.github.jenkinsdind.core.internal.imagebuild.StepsRunner} wires: check the request,
 * decide the base's route, then per platform read the base's account files while the docker CLI
 * layer is prebuilt, edit the accounts, plan the {@code docker-cli} and {@code accounts} layers,
 * and have Jib write the image through the target's strategy ({@link
 * io.github.jenkinsdind.core.internal.imagebuild.TargetWriter}: registry, daemon or tar). It owns
 * the order of the build and the per-target differences; the work itself belongs to the packages it
 * may use: {@code accounts}, {@code base}, {@code cli}, {@code daemon}, {@code files}, {@code
 * registry}, {@code jib} (for everything of jib-core outside its API), and jib-core's {@code
 * com.google.cloud.tools.jib.api} only.
 */
package io.github.jenkinsdind.core.internal.imagebuild;
