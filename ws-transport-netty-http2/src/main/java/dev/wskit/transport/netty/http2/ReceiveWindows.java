package dev.wskit.transport.netty.http2;

import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2Settings;

/**
 * How much each end of this module lets its peer send ahead of what its WebSockets read
 * (RFC 9113 §6.9): 6 MiB per stream and 15 MiB per connection, as Chromium does, in place of
 * HTTP/2's 64 KiB.
 *
 * <p>These windows play the part TCP's socket buffers play over HTTP/1.1. A WebSocket stops
 * reading while its own output waits above the high-water mark, and over HTTP/2 not reading
 * stops the WINDOW_UPDATEs: with 64 KiB windows, two ends that each send more than that at once
 * (an echo of a large message while the next one is on its way) stop reading each other and
 * never resume, where TCP's buffers of megabytes take the bytes in. The connection's window is
 * larger than a stream's so one paused stream does not hold back the others on its connection.
 */
final class ReceiveWindows {
    /** SETTINGS_INITIAL_WINDOW_SIZE: each stream's window (RFC 9113 §6.5.2). */
    static final int STREAM = 6 * 1024 * 1024;
    /** The connection's window, which starts at 65,535 and grows only by WINDOW_UPDATE (RFC 9113 §6.9.2). */
    static final int CONNECTION = 15 * 1024 * 1024;

    private ReceiveWindows() {
    }

    /** {@code settings} with the stream window. */
    static Http2Settings in(Http2Settings settings) {
        return settings.initialWindowSize(STREAM);
    }

    /**
     * Widens the connection's window of a codec whose preface went out: a WINDOW_UPDATE on stream 0,
     * which the connection's next flush sends. On its channel's event loop.
     */
    static void widenConnection(Http2FrameCodec codec) {
        try {
            codec.connection().local().flowController()
                    .incrementWindowSize(codec.connection().connectionStream(), CONNECTION - 65_535);
        } catch (Http2Exception e) {
            // Only a window beyond 2^31 - 1 is refused, which these constants never reach.
            throw new IllegalStateException(e);
        }
    }
}
