package dev.wskit.metrics.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.Backpressure;
import dev.wskit.protocol.ConnectionInfo;
import dev.wskit.protocol.Direction;
import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.Role;
import dev.wskit.protocol.RoundTrip;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The events no loopback case provokes cheaply, told to the listener directly: flow control, the
 * memory budget's shed, a client's failed handshake, and the tags an application adds.
 */
class MicrometerConnectionListenerTest {
    private static final ConnectionInfo SERVER_SIDE =
            new ConnectionInfo("netty", Role.SERVER, new InetSocketAddress("127.0.0.1", 40000));
    private static final ConnectionInfo CLIENT_SIDE = new ConnectionInfo("blocking", Role.CLIENT, null);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void backpressureIsCountedByEventAndTheDropAsItsViolation() {
        MicrometerConnectionListener listener = MicrometerConnectionListener.of(registry);

        listener.backpressure(SERVER_SIDE, Backpressure.PAUSED, 70_000);
        listener.backpressure(SERVER_SIDE, Backpressure.DRAINED, 10_000);
        listener.backpressure(SERVER_SIDE, Backpressure.PAUSED, 70_000);
        listener.backpressure(SERVER_SIDE, Backpressure.DROPPED, 5_000_000);
        listener.violation(SERVER_SIDE, ProtocolViolation.OUTBOUND_LIMIT_EXCEEDED);

        assertThat(MeterLines.of(registry)).containsExactly(
                "wskit.backpressure{event=DRAINED,role=SERVER,transport=netty} 1",
                "wskit.backpressure{event=DROPPED,role=SERVER,transport=netty} 1",
                "wskit.backpressure{event=PAUSED,role=SERVER,transport=netty} 2",
                "wskit.violations{code=1006,role=SERVER,rule=OUTBOUND_LIMIT_EXCEEDED,transport=netty} 1");
    }

    @Test
    void eachRoundTripIsTimedByItsLatestValue() {
        MicrometerConnectionListener listener = MicrometerConnectionListener.of(registry);

        listener.roundTrip(SERVER_SIDE, new RoundTrip(3_000_000, 3_000_000));
        listener.roundTrip(SERVER_SIDE, new RoundTrip(5_000_000, 3_250_000));

        Timer timer = registry.get(WskitMeters.ROUND_TRIP).tags("transport", "netty", "role", "SERVER").timer();
        assertThat(timer.count()).isEqualTo(2);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(8.0);
        assertThat(timer.max(TimeUnit.MILLISECONDS)).isEqualTo(5.0);
    }

    @Test
    void messageSizesAreSummarisedPerTransportRoleAndDirectionOnlyWhereMessagesCame() {
        MicrometerConnectionListener listener = MicrometerConnectionListener.of(registry);

        listener.message(SERVER_SIDE, Direction.IN, 5);
        listener.message(SERVER_SIDE, Direction.IN, 1_000);
        listener.message(SERVER_SIDE, Direction.OUT, 0);
        listener.message(CLIENT_SIDE, Direction.OUT, 70_000);

        assertThat(MeterLines.of(registry)).containsExactly(
                "wskit.message.size{direction=in,role=SERVER,transport=netty} count=2,total=1005",
                "wskit.message.size{direction=out,role=CLIENT,transport=blocking} count=1,total=70000",
                "wskit.message.size{direction=out,role=SERVER,transport=netty} count=1,total=0");
        DistributionSummary in = registry.get(WskitMeters.MESSAGE_SIZE)
                .tags("transport", "netty", "role", "SERVER", "direction", "in").summary();
        assertThat(in.max()).isEqualTo(1_000.0);
        assertThat(in.getId().getBaseUnit()).isEqualTo("bytes");
    }

    @Test
    void aMemoryBudgetShedIsItsViolationWithClose1013() {
        MicrometerConnectionListener.of(registry).violation(SERVER_SIDE, ProtocolViolation.MEMORY_BUDGET_EXCEEDED);

        assertThat(MeterLines.of(registry)).containsExactly(
                "wskit.violations{code=1013,role=SERVER,rule=MEMORY_BUDGET_EXCEEDED,transport=netty} 1");
    }

    @Test
    void aClientsFailedHandshakeIsRejectedWithStatusZeroAndTheApplicationsRefusalWithNoRule() {
        MicrometerConnectionListener listener = MicrometerConnectionListener.of(registry);

        listener.handshakeRejected(CLIENT_SIDE, 0, ProtocolViolation.WRONG_ACCEPT);
        listener.handshakeRejected(SERVER_SIDE, 409, null);

        assertThat(MeterLines.of(registry)).containsExactly(
                "wskit.handshakes{outcome=REJECTED,role=CLIENT,status=0,transport=blocking,violation=WRONG_ACCEPT} 1",
                "wskit.handshakes{outcome=REJECTED,role=SERVER,status=409,transport=netty,violation=NONE} 1");
    }

    @Test
    void theApplicationsTagsAreOnEveryMeterAndEachTransportAndRoleHasItsOwnGauge() {
        MicrometerConnectionListener listener = MicrometerConnectionListener.of(registry, Tags.of("server", "chat"));

        listener.opened(SERVER_SIDE, null, null);
        listener.opened(SERVER_SIDE, null, null);
        listener.opened(CLIENT_SIDE, null, null);

        assertThat(MeterLines.of(registry)).containsExactly(
                "wskit.connections.open{role=CLIENT,server=chat,transport=blocking} 1",
                "wskit.connections.open{role=SERVER,server=chat,transport=netty} 2",
                "wskit.handshakes{outcome=ACCEPTED,role=CLIENT,server=chat,status=101,transport=blocking,violation=NONE} 1",
                "wskit.handshakes{outcome=ACCEPTED,role=SERVER,server=chat,status=101,transport=netty,violation=NONE} 2");
    }
}
