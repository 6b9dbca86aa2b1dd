/** wskit's runnable example apps, each on every transport. */
// micrometer-registry-prometheus (--metrics) has a module name in its manifest and no descriptor.
@SuppressWarnings("requires-automatic")
module dev.wskit.examples {
    requires dev.wskit.protocol;
    requires dev.wskit.cluster;
    requires dev.wskit.transport.blocking;
    requires dev.wskit.transport.netty;
    requires dev.wskit.transport.netty.http2;
    // Http2SecurityUtil: the cipher suites HTTP/2 over TLS allows (--http2 with --tls-cert).
    requires io.netty.codec.http2;
    requires dev.wskit.transport.vertx;
    requires dev.wskit.metrics.micrometer;
    requires micrometer.registry.prometheus;
    // sun.misc.Signal: Ctrl-C runs the graceful stop and the app then exits with its own status.
    requires jdk.unsupported;
}
