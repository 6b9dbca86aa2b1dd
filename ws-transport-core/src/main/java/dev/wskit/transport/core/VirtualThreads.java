package dev.wskit.transport.core;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads (JDK 21+, JEP 444) looked up at run time, so this module still compiles with
 * {@code --release 17} and runs on 17 with platform threads instead.
 */
final class VirtualThreads {
    private static final int FIRST_FINAL_RELEASE = 21;

    private VirtualThreads() {
    }

    /**
     * {@code Thread.ofVirtual().name(prefix, 0).factory()}, or {@code null} when the running JDK has
     * no final virtual threads (before 21; on 19 and 20 they are a preview that may be disabled).
     */
    static ThreadFactory factory(String prefix) {
        if (Runtime.version().feature() < FIRST_FINAL_RELEASE) {
            return null;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandle start = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
            MethodHandle name = lookup.findVirtual(ofVirtual, "name",
                    MethodType.methodType(ofVirtual, String.class, long.class));
            MethodHandle factory = lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
            return (ThreadFactory) factory.invoke(name.invoke(start.invoke(), prefix, 0L));
        } catch (Throwable unavailable) {
            // A JDK that names the methods but refuses them (a restricted runtime): platform threads do.
            return null;
        }
    }
}
