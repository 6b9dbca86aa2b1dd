/**
 * The wskit protocol engine: RFC 6455 with no I/O. Depends on {@code java.base} only.
 *
 * <p>Exported: the application's API (the root package, {@code http}, {@code extension},
 * {@code upgrade}), what a transport drives ({@code engine}, {@code handshake}, the proxy's
 * {@code CONNECT} in {@code proxy}), and the codec a tool or a benchmark may use
 * on its own ({@code frame}, {@code text}). The {@code internal} packages are the engine's alone.
 */
module dev.wskit.protocol {
    exports dev.wskit.protocol;
    exports dev.wskit.protocol.engine;
    exports dev.wskit.protocol.extension;
    exports dev.wskit.protocol.frame;
    exports dev.wskit.protocol.handshake;
    exports dev.wskit.protocol.http;
    exports dev.wskit.protocol.proxy;
    exports dev.wskit.protocol.text;
    exports dev.wskit.protocol.upgrade;
}
