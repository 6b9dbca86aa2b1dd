/** An application module using wskit's Netty transport; the JDK's WebSocket client checks it. */
module consumer.jpms {
    requires dev.wskit.transport.netty;
    requires consumer.echocheck;
}
