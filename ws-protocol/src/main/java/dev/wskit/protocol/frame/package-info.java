/**
 * The framing of RFC 6455 §5 on its own: decoding and encoding frame headers, masking (§5.3), the
 * close payload (§5.5.1), and each rule a frame must keep as a check naming its section
 * ({@link dev.wskit.protocol.frame.FrameRules}). For tools and benchmarks that work at the frame
 * level; the engine uses the same code.
 */
package dev.wskit.protocol.frame;
