package dev.wskit.transport.core;

import dev.wskit.protocol.PayloadRelease;
import dev.wskit.transport.core.trace.TraceKind;
import dev.wskit.transport.core.trace.TraceRecord;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.LongConsumer;
import javax.net.ssl.SSLSession;

/**
 * The transport of a replayed connection: one thread, the replay's, owns it; what the engine
 * writes was compared already ({@link ReplayTap#written}); timers are the trace's wake-ups.
 *
 * <p>A transport may call the driver back from inside a call the driver made: a flush that
 * changes writability reports progress, a resumed read delivers bytes it held, an abort reports the
 * close. Such an input is recorded right after what the driver did before the call, where the
 * step would otherwise go on with a record of its own (the unwritten bytes it asks for after every
 * flush and publication); so an input found next to the call was made inside it, and is replayed
 * there.
 */
final class ReplayIo implements ConnectionIo {
    private static final Scheduled NOT_SCHEDULED = () -> { };

    private final ReplayCursor cursor;
    private final String transport;
    /** Moves the replay's clock to a record's time. */
    private final LongConsumer clockTo;
    private ConnectionDriver driver;

    ReplayIo(ReplayCursor cursor, String transport, LongConsumer clockTo) {
        this.cursor = cursor;
        this.transport = transport;
        this.clockTo = clockTo;
    }

    void drive(ConnectionDriver driver) {
        this.driver = driver;
    }

    @Override
    public boolean isOwner() {
        return true;
    }

    @Override
    public boolean runsLaterFromHere() {
        return false;
    }

    @Override
    public void runAsOwner(Runnable task) {
        task.run();
    }

    @Override
    public void write(ByteBuffer bytes, PayloadRelease release) {
        if (release != null) {
            release.release();
        }
        inputsMadeInsideTheCall();
    }

    @Override
    public void flush() {
        inputsMadeInsideTheCall();
    }

    @Override
    public long unwrittenBytes() {
        return 0;
    }

    @Override
    public void reading(boolean on) {
        inputsMadeInsideTheCall();
    }

    @Override
    public void endGracefully() {
        inputsMadeInsideTheCall();
    }

    @Override
    public void abort() {
        inputsMadeInsideTheCall();
    }

    private void inputsMadeInsideTheCall() {
        while (!cursor.hasDiverged() && (cursor.nextIs(TraceKind.IN) || cursor.nextIs(TraceKind.PROGRESS)
                || cursor.nextIs(TraceKind.CLOSED))) {
            TraceRecord input = cursor.take();
            cursor.show(ReplayCursor.describe(input) + ", inside the transport's call");
            clockTo.accept(input.time());
            switch (input.kind()) {
                case IN -> driver.receive(ByteBuffer.wrap(input.fields().bytes()));
                case PROGRESS -> driver.outputProgressed();
                default -> driver.transportClosed();
            }
        }
    }

    @Override
    public String transportName() {
        return transport;
    }

    @Override
    public SocketAddress remoteAddress() {
        return null;
    }

    @Override
    public SocketAddress localAddress() {
        return null;
    }

    @Override
    public Optional<SSLSession> tlsSession() {
        return Optional.empty();
    }

    @Override
    public Scheduled schedule(long delayNanos, Runnable task) {
        return NOT_SCHEDULED;
    }
}
