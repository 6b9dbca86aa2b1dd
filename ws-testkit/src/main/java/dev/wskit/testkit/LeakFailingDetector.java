package dev.wskit.testkit;

import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's leak detector, recording every leak it finds so {@link NoLeaks} can fail the test run
 * instead of a log line going unread. A module installs it for its test JVM with the system
 * properties {@code io.netty.customResourceLeakDetector} (this class) and
 * {@code io.netty.leakDetection.level=paranoid} in its surefire settings, and registers
 * {@link NoLeaks}.
 */
public final class LeakFailingDetector<T> extends ResourceLeakDetector<T> {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static volatile boolean installed;

    public LeakFailingDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
        installed = true;
    }

    /** For Netty's factory when it is asked with the obsolete {@code maxActive}, which it ignores. */
    public LeakFailingDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        this(resourceType, samplingInterval);
    }

    /** The leaks found so far in this JVM, each with Netty's record of the buffer's last accesses. */
    public static List<String> leaks() {
        return LEAKS;
    }

    /** Whether Netty created this detector, i.e. the system property reached it. */
    public static boolean isInstalled() {
        return installed;
    }

    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LEAKS.add(resourceType + " leaked:" + records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LEAKS.add(resourceType + " leaked (untraced)");
    }
}
