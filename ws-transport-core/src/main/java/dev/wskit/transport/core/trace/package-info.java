/**
 * The file format of a wire trace: what {@link dev.wskit.transport.core.WireTrace} records of a
 * server connection and {@link dev.wskit.transport.core.TraceReplay} plays back through the engine.
 * A trace starts with the magic line {@code WSKIT-TRACE 1}, then a header of named values (role,
 * transport, peer, the configuration as {@link dev.wskit.transport.core.trace.TracedConfig} holds
 * it), then {@link dev.wskit.transport.core.trace.TraceRecord records}, each of a
 * {@link dev.wskit.transport.core.trace.TraceKind}: the bytes read and written, timers, the
 * application's calls ({@link dev.wskit.transport.core.trace.TracedCalls}) and answers
 * ({@link dev.wskit.transport.core.trace.TracedAnswers}), and the handler's callbacks
 * ({@link dev.wskit.transport.core.trace.TraceEvents}).
 *
 * <p>{@link dev.wskit.transport.core.trace.TraceWriter} writes one connection's trace within a bound
 * on its size, and never fails the connection it watches;
 * {@link dev.wskit.transport.core.trace.Trace} reads one back, a file cut short included. A trace
 * holds the traffic in clear, TLS or not.
 */
package dev.wskit.transport.core.trace;
