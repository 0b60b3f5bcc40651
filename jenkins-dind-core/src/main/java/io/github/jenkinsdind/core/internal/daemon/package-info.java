/**
 * The Docker Engine client shared by the base reading, the image build and the container
 * operations: docker-java clients from the usual settings ({@code DockerEngineClients}), connecting
 * to the daemon ({@code Engine}), translating its failures and messages ({@code DaemonFault},
 * {@code DaemonMessages}), pulling a base into it ({@code BasePull}), and short-lived containers of
 * an image that read a directory ({@code ImageDirectory}) or run one command ({@code
 * ThrowawayContainer}), labelled as jenkins-dind's ({@code ManagedLabels}). It uses docker-java and
 * the public API only: it must not depend on {@code container}, {@code imagebuild} or {@code base},
 * which use it.
 */
package io.github.jenkinsdind.core.internal.daemon;
