/**
 * What makes a rebuild that changed nothing a check rather than a build. {@link
 * io.github.jenkinsdind.core.internal.uptodate.BuildInputs} turns a request, the identity of its
 * base and the stamps of its input files ({@link
 * io.github.jenkinsdind.core.internal.uptodate.FileStamp}) into a fingerprint; {@link
 * io.github.jenkinsdind.core.internal.uptodate.BuildRecords} keeps, per fingerprint, what the build
 * made ({@link io.github.jenkinsdind.core.internal.uptodate.BuildRecord}). Whether the target still
 * holds it is asked by the caller. It uses the API, {@code files} and {@code download} only, and no
 * network.
 */
package io.github.jenkinsdind.core.internal.uptodate;
