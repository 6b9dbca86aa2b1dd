package dev.wskit.transport.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.ConnectionInfo;
import dev.wskit.protocol.ConnectionListener;
import dev.wskit.protocol.Direction;
import dev.wskit.protocol.Role;
import dev.wskit.protocol.RoundTrip;
import dev.wskit.transport.core.jfr.JfrConnectionListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The listener every builder gives its connections: JFR's events, then the application's. */
class ConnectionListenersTest {
    private static final ConnectionInfo CONNECTION = new ConnectionInfo("test", Role.CLIENT, null);

    private final List<String> heard = new ArrayList<>();

    @Test
    void withoutAnApplicationsListenerItIsJfrAloneWhichHearsNoMessages() {
        ConnectionListener listener = ConnectionListeners.withJfr(ConnectionListener.NONE);
        assertThat(listener).isSameAs(JfrConnectionListener.INSTANCE);
        assertThat(listener.hearsMessages()).isFalse();
    }

    @Test
    void theApplicationsListenerHearsRoundTripsAndMessages() {
        ConnectionListener listener = ConnectionListeners.withJfr(new Recording());
        listener.roundTrip(CONNECTION, new RoundTrip(7, 7));
        assertThat(listener.hearsMessages()).isTrue();
        listener.message(CONNECTION, Direction.IN, 42);
        assertThat(heard).containsExactly("roundTrip:7", "message:IN:42");
    }

    @Test
    void anApplicationsListenerThatHearsNoMessagesMakesTheirPathOneBranch() {
        ConnectionListener listener = ConnectionListeners.withJfr(new ConnectionListener() {
            @Override
            public boolean hearsMessages() {
                return false;
            }
        });
        assertThat(listener.hearsMessages()).isFalse();
    }

    /** Records round trips and messages. */
    private final class Recording implements ConnectionListener {
        @Override
        public void roundTrip(ConnectionInfo connection, RoundTrip roundTrip) {
            heard.add("roundTrip:" + roundTrip.latestNanos());
        }

        @Override
        public void message(ConnectionInfo connection, Direction direction, long payloadBytes) {
            heard.add("message:" + direction + ":" + payloadBytes);
        }
    }
}
