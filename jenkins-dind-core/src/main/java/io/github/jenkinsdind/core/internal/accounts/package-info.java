/**
 * Edits a base image's user database ({@code /etc/passwd}, {@code /etc/group}, {@code
 * /etc/gshadow}, {@code /etc/shadow}) so that the Jenkins user is a member of the docker group.
 *
 * <p>The file classes ({@link io.github.jenkinsdind.core.internal.accounts.EtcPasswd}, {@link
 * io.github.jenkinsdind.core.internal.accounts.EtcGroup}, {@link
 * io.github.jenkinsdind.core.internal.accounts.EtcGshadow}, {@link
 * io.github.jenkinsdind.core.internal.accounts.EtcShadow}) are immutable values: each edit returns
 * a new value, and every line an edit does not touch is kept byte for byte (comments, odd spacing,
 * blank lines, CRLF line endings, a missing final newline). The rules live in {@link
 * io.github.jenkinsdind.core.internal.accounts.AccountEditor}.
 */
package io.github.jenkinsdind.core.internal.accounts;
