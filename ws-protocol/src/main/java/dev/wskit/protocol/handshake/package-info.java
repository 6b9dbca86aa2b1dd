/**
 * The opening handshake of RFC 6455 §4: the client's request and its check of the server's
 * answer ({@link dev.wskit.protocol.handshake.ClientHandshake}, §4.1), the server's checks of the
 * request and its answer ({@link dev.wskit.protocol.handshake.ServerHandshake}, §4.2), the accept
 * key (§4.2.2) and the WebSocket URI (§3).
 */
package dev.wskit.protocol.handshake;
