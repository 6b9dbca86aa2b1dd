package dev.wskit.transport.core.jfr;

import dev.wskit.protocol.ConnectionInfo;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;

/** What every wskit event tells of its connection: the transport, this end's role, the peer. */
public abstract class ConnectionEvent extends Event {
    /** The transport carrying the connection: {@code blocking}, {@code netty}, {@code vertx}. */
    @Label("Transport")
    @Description("The transport carrying the connection: blocking, netty, vertx")
    public String transport;

    /** {@code SERVER} or {@code CLIENT}: which end of the connection this process is. */
    @Label("Role")
    @Description("SERVER or CLIENT: which end of the connection this process is")
    public String role;

    /** The peer's address, as text. */
    @Label("Remote Address")
    @Description("The peer's address")
    public String remoteAddress;

    ConnectionEvent() {
    }

    /** Fills the connection's fields; for the listener, once it knows the event is enabled. */
    final void describe(ConnectionInfo connection) {
        transport = connection.transport();
        role = connection.role().name();
        remoteAddress = String.valueOf(connection.remoteAddress());
    }
}
