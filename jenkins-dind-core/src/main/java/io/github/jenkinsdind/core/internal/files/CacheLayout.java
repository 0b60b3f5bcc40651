package io.github.jenkinsdind.core.internal.files;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where everything lives in the build's cache directory: the one place that names its
 * subdirectories. Every part of the cache is written atomically (a temporary name, then a move), so
 * several builds may share one cache.
 *
 * <pre>
 * cacheDirectory/
 *   docker-cli/       downloaded docker CLI archives and the binaries taken out of them
 *   cli-plugins/NAME/ downloaded docker CLI plugins (buildx, compose) and their binaries
 *   base-files/       account files read from base layers, by base digest
 *   daemon-images/    which image of a base each Docker daemon holds
 *   layers/accounts/  the edited account files, as the accounts layer's source files
 *   layers/links/     the placeholder files of link layers (docker-compose)
 *   jib/base/         Jib's base-layer cache
 *   jib/application/  Jib's application-layer cache (the docker-cli and accounts layers)
 *   jenkins-plugins/  the update center's JSON and Jenkins plugin files
 *   builds/           what earlier builds made, by the fingerprint of their inputs
 *   tmp/              temporary files and trees of running builds
 * </pre>
 *
 * @param root the cache directory
 */
public record CacheLayout(Path root) {

  /**
   * Checks the root.
   *
   * @param root the cache directory
   */
  public CacheLayout {
    Objects.requireNonNull(root, "root");
    root = root.toAbsolutePath();
  }

  /**
   * Returns the docker CLI cache.
   *
   * @return {@code docker-cli}
   */
  public Path dockerCli() {
    return root.resolve("docker-cli");
  }

  /**
   * Returns the cache of a docker CLI plugin's downloads and binaries.
   *
   * @param name the plugin's name, for example {@code buildx}
   * @return {@code cli-plugins/NAME}
   */
  public Path cliPlugin(String name) {
    return root.resolve("cli-plugins").resolve(name);
  }

  /**
   * Returns the cache of account files read from base layers.
   *
   * @return {@code base-files}
   */
  public Path baseFiles() {
    return root.resolve("base-files");
  }

  /**
   * Returns where the images each daemon holds are remembered.
   *
   * @return {@code daemon-images}
   */
  public Path daemonImages() {
    return root.resolve("daemon-images");
  }

  /**
   * Returns where the accounts layer's source files are written.
   *
   * @return {@code layers/accounts}
   */
  public Path accountsLayer() {
    return root.resolve("layers").resolve("accounts");
  }

  /**
   * Returns the source files of link layers: the placeholders Jib is given in their stead.
   *
   * @return {@code layers/links}
   */
  public Path linkLayers() {
    return root.resolve("layers").resolve("links");
  }

  /**
   * Returns Jib's base-layer cache.
   *
   * @return {@code jib/base}
   */
  public Path jibBaseLayers() {
    return root.resolve("jib").resolve("base");
  }

  /**
   * Returns Jib's application-layer cache.
   *
   * @return {@code jib/application}
   */
  public Path jibApplicationLayers() {
    return root.resolve("jib").resolve("application");
  }

  /**
   * Returns the directory of temporary files and trees.
   *
   * @return {@code tmp}
   */
  public Path tmp() {
    return root.resolve("tmp");
  }

  /**
   * Returns the records of earlier builds, one per fingerprint of their inputs, that make an
   * unchanged rebuild a check.
   *
   * @return {@code builds}
   */
  public Path builds() {
    return root.resolve("builds");
  }

  /**
   * Returns the Jenkins plugins cache: the update center's JSON by URL, and plugin files by sha256.
   *
   * @return {@code jenkins-plugins}
   */
  public Path jenkinsPlugins() {
    return root.resolve("jenkins-plugins");
  }
}
