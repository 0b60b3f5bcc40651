/**
 * The Jenkins plugins of an image: {@link
 * io.github.jenkinsdind.core.internal.plugins.JenkinsPluginsResolver} reads what the user asks for
 * ({@code plugins}, a plugins.txt or plugins.yaml: {@link
 * io.github.jenkinsdind.core.internal.plugins.PluginInputs}), resolves it against the Jenkins
 * update center ({@link io.github.jenkinsdind.core.internal.plugins.UpdateCenter}, a pure {@link
 * io.github.jenkinsdind.core.internal.plugins.PluginResolver} with the {@link
 * io.github.jenkinsdind.core.internal.plugins.PluginVersion} order) or takes a {@link
 * io.github.jenkinsdind.core.internal.plugins.PluginLock} as it is, and downloads the files in
 * parallel into the cache, each checked against its sha256. {@link
 * io.github.jenkinsdind.core.internal.plugins.JenkinsWar} reads the base's Jenkins version and
 * bundled plugins. It may use the API, {@code download}, {@code files}, Jackson and the JDK; no
 * other internal package.
 */
package io.github.jenkinsdind.core.internal.plugins;
