/**
 * What every transport shares: the builders and settings of servers and clients, the
 * {@link dev.wskit.transport.core.ConnectionDriver} that feeds the engine and obeys it, the
 * {@link dev.wskit.transport.core.ConnectionIo} a transport implements to move bytes, and the
 * limits, memory budget, reconnection and wire traces that work alike on each. An application
 * meets the builders, {@link dev.wskit.transport.core.WebSocketServer},
 * {@link dev.wskit.transport.core.ReconnectingWebSocket} and its policy; the rest is for
 * transports.
 */
package dev.wskit.transport.core;
