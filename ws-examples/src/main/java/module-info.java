/** wskit's runnable example apps, each on every transport. */
module dev.wskit.examples {
    requires dev.wskit.protocol;
    requires dev.wskit.transport.blocking;
    requires dev.wskit.transport.netty;
    requires dev.wskit.transport.vertx;
    requires dev.wskit.metrics.micrometer;
    requires micrometer.registry.prometheus;
}
