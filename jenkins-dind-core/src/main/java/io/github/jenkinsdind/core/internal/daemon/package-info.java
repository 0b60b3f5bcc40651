/**
 * The Docker Engine client shared by the base reading, the image build and the container
 * operations: finding the daemon in the docker CLI's order ({@code DockerHostResolver}: a setting,
 * {@code DOCKER_HOST}, contexts, the rootless and the default socket; {@code DockerEndpoint}),
 * docker-java clients for it, over TLS from the CLI's PEM files ({@code DockerEngineClients},
 * {@code PemTlsConfig}), connecting to the daemon ({@code Engine}, {@code ConnectFailures}), which
 * kind of daemon answers ({@code DaemonKind}), translating its failures and messages ({@code
 * DaemonFault}, {@code DaemonMessages}), pulling a base into it ({@code BasePull}), and short-lived
 * containers of an image that read a directory ({@code ImageDirectory}) or run one command ({@code
 * ThrowawayContainer}), labelled as jenkins-dind's ({@code ManagedLabels}). It uses docker-java and
 * the public API only: it must not depend on {@code container}, {@code imagebuild} or {@code base},
 * which use it.
 */
package io.github.jenkinsdind.core.internal.daemon;
