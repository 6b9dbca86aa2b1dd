/**
 * wskit's connection listener as Micrometer meters ({@code wskit.*}): bind it to any
 * {@code MeterRegistry} and set it with {@code listener(...)} on a server or client builder of any
 * transport. Depends on the engine's API and micrometer-core only.
 */
module dev.wskit.metrics.micrometer {
    requires transitive dev.wskit.protocol;
    requires transitive micrometer.core;

    exports dev.wskit.metrics.micrometer;
}
