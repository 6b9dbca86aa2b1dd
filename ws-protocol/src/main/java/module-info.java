/**
 * The wskit protocol engine: RFC 6455 with no I/O. Depends on {@code java.base} only.
 */
module dev.wskit.protocol {
    exports dev.wskit.protocol;
    exports dev.wskit.protocol.engine;
    exports dev.wskit.protocol.frame;
    exports dev.wskit.protocol.handshake;
    exports dev.wskit.protocol.http;
    exports dev.wskit.protocol.text;
    exports dev.wskit.protocol.extension;
}
