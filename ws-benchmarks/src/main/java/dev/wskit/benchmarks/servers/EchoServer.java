package dev.wskit.benchmarks.servers;

/** A running echo server of one {@link ServerKind}; {@link #close()} stops it and its threads. */
public interface EchoServer extends AutoCloseable {

    /** The bound port (the chosen one when started on port 0). */
    int port();

    @Override
    void close();
}
