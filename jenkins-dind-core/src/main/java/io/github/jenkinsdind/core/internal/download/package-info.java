/**
 * Files fetched into the cache: {@link io.github.jenkinsdind.core.internal.download.Downloader}
 * downloads over http, https or from a {@code file:} URL, atomically (a temporary file renamed when
 * complete), with progress events; {@link io.github.jenkinsdind.core.internal.download.CacheFiles}
 * writes cache files atomically and remembers their sha256; {@link
 * io.github.jenkinsdind.core.internal.download.Sha256} computes and checks digests. Failures name
 * the settings of the {@link io.github.jenkinsdind.core.internal.download.DownloadSubject}. It uses
 * the API and the JDK only.
 */
package io.github.jenkinsdind.core.internal.download;
