package dev.wskit.benchmarks.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.function.Consumer;

/** The load tool's one way to read a connection: everything that has arrived, checked as it comes. */
final class ChannelReads {

    private ChannelReads() {
    }

    /**
     * Reads what has arrived into {@code in} (a thread's shared buffer), handing each read to
     * {@code check}, until a read leaves the buffer short of full.
     *
     * @return false when the peer closed the connection
     */
    static boolean drain(ReadableByteChannel channel, ByteBuffer in, Consumer<ByteBuffer> check) throws IOException {
        int n;
        while ((n = channel.read(in)) > 0) {
            in.flip();
            check.accept(in);
            in.clear();
            if (n < in.capacity()) {
                break;
            }
        }
        return n >= 0;
    }
}
