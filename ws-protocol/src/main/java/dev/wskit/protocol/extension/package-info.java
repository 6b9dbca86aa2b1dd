/**
 * The permessage-deflate extension (RFC 7692): its settings
 * ({@link dev.wskit.protocol.extension.PerMessageDeflateConfig}) and the parameters two ends agree
 * on in the opening handshake ({@link dev.wskit.protocol.extension.DeflateParameters}, RFC 7692 §7).
 */
package dev.wskit.protocol.extension;
