package dev.wskit.examples;

import java.util.concurrent.CountDownLatch;

/**
 * How a running app learns that it should stop: Ctrl-C for a person (a JVM shutdown hook), a call
 * for a test. The app registers its graceful stop; whoever requests the stop runs it on their own
 * thread, so a shutdown hook holds the JVM until open connections got their close frame.
 */
public final class StopSignal {
    private final boolean onCtrlC;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Runnable stop; // guarded by this
    private boolean requested; // guarded by this

    private StopSignal(boolean onCtrlC) {
        this.onCtrlC = onCtrlC;
    }

    /**
     * Stops on Ctrl-C (SIGINT) or SIGTERM. The hook is added only when an app registers a stop, so
     * apps that end by themselves leave the JVM's shutdown alone.
     */
    public static StopSignal onCtrlC() {
        return new StopSignal(true);
    }

    /** Stops only when {@link #request()} is called. */
    public static StopSignal onRequest() {
        return new StopSignal(false);
    }

    /** The app's graceful stop; runs at once when the stop was requested already. */
    public void register(Runnable stop) {
        boolean runNow;
        synchronized (this) {
            if (this.stop != null) {
                throw new IllegalStateException("a stop is registered already");
            }
            this.stop = stop;
            runNow = requested;
        }
        if (runNow) {
            runStop(stop);
        } else if (onCtrlC) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::stopOnShutdown, "wskit-examples-stop"));
        }
    }

    /** Runs the registered stop (once, whoever asks first) and returns when it is done. */
    public void request() {
        runStopOnce();
    }

    /**
     * The shutdown hook. A signal ends the JVM with status 128 + its number (130 for SIGINT, 143 for
     * SIGTERM), and once the shutdown has begun {@code System.exit} blocks, so the app could never
     * return its own status: a graceful stop run to its end here is the app's normal end, status 0,
     * and only {@code halt} can still say so. Nothing in the apps calls {@code System.exit} while
     * serving, so a shutdown that finds the stop not yet run was started by a signal; one that finds
     * it run already (the app returned, {@link Main} exits) keeps the status the app returned.
     */
    private void stopOnShutdown() {
        if (runStopOnce()) {
            Runtime.getRuntime().halt(0);
        }
    }

    /** Runs the registered stop unless it was requested before; returns whether this call ran it. */
    private boolean runStopOnce() {
        Runnable toRun;
        synchronized (this) {
            if (requested) {
                return false;
            }
            requested = true;
            toRun = stop;
        }
        if (toRun == null) {
            return false;
        }
        runStop(toRun);
        return true;
    }

    /** Blocks until the registered stop has run. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    private void runStop(Runnable toRun) {
        try {
            toRun.run();
        } finally {
            stopped.countDown();
        }
    }
}
