/**
 * wskit's connection listener as Micrometer meters ({@code wskit.*}): bind it to any
 * {@code MeterRegistry} and set it with {@code listener(...)} on a server or client builder of any
 * transport. Depends on the engine's API and micrometer-core only.
 */
// micrometer-core is an automatic module (a name in its manifest, no descriptor), and its
// MeterRegistry is in this module's API, so a reader needs it too: transitive is right here.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.wskit.metrics.micrometer {
    requires transitive dev.wskit.protocol;
    requires transitive micrometer.core;

    exports dev.wskit.metrics.micrometer;
}
