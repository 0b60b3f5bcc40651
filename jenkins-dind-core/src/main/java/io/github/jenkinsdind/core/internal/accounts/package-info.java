/**
 * Owns the edit of a base image's user database ({@code /etc/passwd}, {@code /etc/group}, {@code
 * /etc/gshadow}, {@code /etc/shadow}) that makes the Jenkins user a member of the docker group:
 * pure functions on immutable values ({@link
 * io.github.jenkinsdind.core.internal.accounts.EtcPasswd}, {@link
 * io.github.jenkinsdind.core.internal.accounts.EtcGroup}, ...), each edit returning a new value
 * that keeps every line it does not touch byte for byte (comments, odd spacing, blank lines, CRLF
 * line endings, a missing final newline); the rules live in {@link
 * io.github.jenkinsdind.core.internal.accounts.AccountEditor}. It may use the API and {@code
 * files.ImageFile} only: no I/O, no other internal package, no library.
 */
package io.github.jenkinsdind.core.internal.accounts;
