/**
 * Owns the plain file values and places every package shares: {@link
 * io.github.jenkinsdind.core.internal.files.ImageFile} (a file of an image, with its mode and
 * owner), {@link io.github.jenkinsdind.core.internal.files.CacheLayout} (the one place that names
 * the cache's directories) and {@link io.github.jenkinsdind.core.internal.files.FileTrees}
 * (deleting temporary trees). It is the bottom leaf: it may use the JDK only, no other internal
 * package and not the API.
 */
package io.github.jenkinsdind.core.internal.files;
