package dev.wskit.examples;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * How a running app learns that it should stop: Ctrl-C or SIGTERM for a person or a service
 * manager, a call for a test. The app registers its graceful stop; whoever requests the stop runs
 * it on their own thread, and the app then ends as it would have by itself, with its own exit
 * status, so the JVM's shutdown hooks (a JFR recording's dump on exit among them) all run.
 */
public final class StopSignal {
    /** The signals that ask an app to stop gracefully: Ctrl-C and a service manager's stop. */
    private static final String[] STOP_SIGNALS = {"INT", "TERM"};

    private final boolean onCtrlC;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Runnable stop; // guarded by this
    private boolean requested; // guarded by this

    private StopSignal(boolean onCtrlC) {
        this.onCtrlC = onCtrlC;
    }

    /**
     * Stops on Ctrl-C (SIGINT) or SIGTERM, and on any other shutdown of the JVM. The handlers are
     * installed only when an app registers a stop, so apps that end by themselves leave the JVM's
     * signals and shutdown alone.
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
            handleStopSignals();
            // Any other end of the JVM (SIGHUP, a closed terminal) still closes connections with 1001;
            // its exit status stays the JVM's.
            Runtime.getRuntime().addShutdownHook(new Thread(this::runStopOnce, "wskit-examples-stop"));
        }
    }

    /** Runs the registered stop (once, whoever asks first) and returns when it is done. */
    public void request() {
        runStopOnce();
    }

    /**
     * Takes SIGINT and SIGTERM from the JVM, whose own handling starts the shutdown at once and
     * ends with status 128 + the signal's number: here the first one runs the graceful stop, after
     * which the app returns and exits with its own status (0 for a server), shutdown hooks and
     * all. A second one while the stop runs is a person who will not wait: it starts the JVM's
     * shutdown as the JVM would have.
     */
    private void handleStopSignals() {
        for (String name : STOP_SIGNALS) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (!runStopOnce()) {
                        System.exit(128 + signal.getNumber());
                    }
                });
            } catch (IllegalArgumentException leftToTheSystem) {
                // -Xrs: the JVM leaves the signal to its default action, which ends the process at
                // once; the app serves all the same, without a graceful stop on that signal.
            }
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
