package dev.wskit.transport.core.arch.planted;

import java.io.IOException;
import java.net.Socket;

/** A class that breaks the core's rule on purpose, so the rule is shown to catch it. */
public final class OpensASocket {
    private OpensASocket() {
    }

    static Socket connect() throws IOException {
        return new Socket("127.0.0.1", 1);
    }
}
