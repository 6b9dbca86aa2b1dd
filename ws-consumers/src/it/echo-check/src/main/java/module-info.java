/** The echo handler and the JDK client's check that the echo consumer builds share. */
module consumer.echocheck {
    requires transitive dev.wskit.protocol;
    requires java.net.http;

    exports consumer.echocheck;
}
