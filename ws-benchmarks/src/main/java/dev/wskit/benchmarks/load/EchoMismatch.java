package dev.wskit.benchmarks.load;

/** An echo that is not the message sent, or not in its place: the run is void. */
public final class EchoMismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EchoMismatch(String message) {
        super(message);
    }
}
