/**
 * The application's API, the same on every transport: a connection as {@link dev.wskit.protocol.WebSocket},
 * the events it delivers to a {@link dev.wskit.protocol.WebSocketHandler}, and every setting and
 * limit of a connection in {@link dev.wskit.protocol.WebSocketConfig}.
 *
 * <p>Also here: what a connection's life reports ({@link dev.wskit.protocol.ConnectionListener},
 * {@link dev.wskit.protocol.CloseSummary}, {@link dev.wskit.protocol.RoundTrip}), the close codes
 * of RFC 6455 §7.4 ({@link dev.wskit.protocol.CloseCode}), and every rule a peer can break, each
 * with the RFC section it comes from and the close code or HTTP status it is answered with
 * ({@link dev.wskit.protocol.ProtocolViolation}).
 */
package dev.wskit.protocol;
