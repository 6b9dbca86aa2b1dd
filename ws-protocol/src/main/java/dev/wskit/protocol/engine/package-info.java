/**
 * The I/O-free engine a transport drives: {@link dev.wskit.protocol.engine.WebSocketEngine}, one
 * connection's state machine (RFC 6455 §4, §5, §7), fed bytes and time and giving back handler
 * events, bytes to write and how TCP is to end. Applications do not use it directly; a transport,
 * or a test that plays both ends in memory, does.
 */
package dev.wskit.protocol.engine;
