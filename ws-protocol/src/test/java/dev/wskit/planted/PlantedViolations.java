package dev.wskit.planted;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One class for each clause of the engine's purity rules, breaking that clause and no other, so a
 * test can show every clause able to fail. Outside {@code dev.wskit.protocol}: the engine's own
 * check never sees them. Never run, only imported.
 */
public final class PlantedViolations {
    private PlantedViolations() {
    }

    public static final class OpensASocket {
        Socket open() {
            return new Socket();
        }
    }

    public static final class ReadsAPath {
        boolean exists() {
            return Files.exists(Path.of("engine.state"));
        }
    }

    public static final class OpensAFileStream {
        FileInputStream open() throws FileNotFoundException {
            return new FileInputStream("engine.state");
        }
    }

    public static final class MakesAnExecutor {
        ExecutorService make() {
            return Executors.newSingleThreadExecutor();
        }
    }

    public static final class AsksForItsThread {
        String threadName() {
            return Thread.currentThread().getName();
        }
    }

    public static final class IsARunnable implements Runnable {
        @Override
        public void run() {
        }
    }

    public static final class ReadsCurrentTimeMillis {
        long now() {
            return System.currentTimeMillis();
        }
    }

    public static final class ReadsNanoTime {
        long now() {
            return System.nanoTime();
        }
    }

    public static final class ReadsInstantNow {
        Instant now() {
            return Instant.now();
        }
    }

    public static final class HoldsTheSystemClock {
        long now() {
            return Clock.systemUTC().millis();
        }
    }

    public static final class LogsThroughJavaUtilLogging {
        void log() {
            java.util.logging.Logger.getLogger("engine").info("opened");
        }
    }

    public static final class LogsThroughSystemLogger {
        void log() {
            System.getLogger("engine").log(System.Logger.Level.INFO, "opened");
        }
    }

    public static final class PrintsToStandardOut {
        void print() {
            System.out.println("opened");
        }
    }

    public static final class PrintsToStandardError {
        void print() {
            System.err.println("failed");
        }
    }
}
