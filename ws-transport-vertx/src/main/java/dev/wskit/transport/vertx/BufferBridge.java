package dev.wskit.transport.vertx;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;

/**
 * Moves bytes between Vert.x {@link Buffer}s and the engine's {@link ByteBuffer}s without copying
 * where Vert.x allows it. Vert.x 5 keeps the Netty {@code ByteBuf} behind its integrator API
 * ({@code io.vertx.core.internal.buffer}); the public {@code Buffer} offers only copies.
 */
final class BufferBridge {

    private BufferBridge() {
    }

    /**
     * A writable view of {@code buffer}'s bytes that the engine may rewrite (the server role
     * unmasks in place). Safe without a copy: Vert.x hands a socket's handler a heap buffer it
     * already copied out of its pooled read buffer ({@code VertxHandler.safeBuffer}) and never
     * touches again, so the caller owns it. Anything else is copied once.
     */
    static ByteBuffer ownedView(Buffer buffer) {
        if (buffer instanceof BufferInternal internal) {
            ByteBuf byteBuf = internal.getByteBuf();
            if (byteBuf.hasArray() && byteBuf.nioBufferCount() == 1) {
                ByteBuffer view = byteBuf.nioBuffer();
                if (!view.isReadOnly()) {
                    return view;
                }
            }
        }
        return ByteBuffer.wrap(buffer.getBytes());
    }

    /** A buffer for {@code socket.write} that shares {@code bytes}, which the engine handed over for good. */
    static Buffer wrap(ByteBuffer bytes) {
        return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes));
    }
}
