/** wskit's runnable example apps. */
module dev.wskit.examples {
    requires dev.wskit.protocol;
}
