package dev.wskit.protocol.fuzz;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Heap bytes allocated by the current thread, so that a target can bound what one call
 * allocates: a buffer sized from a peer's length field instead of a configured limit shows up
 * here long before it exhausts the heap. Loading a class (and Jazzer instrumenting it) also
 * allocates on the loading thread, so a call that loaded one is not measured: compare
 * {@link #classesLoaded()} before and after.
 *
 * <p>Reached through method handles because tests compile inside the engine's module, which
 * reads {@code java.base} only; at run time they are on the class path.
 */
public final class Allocations {
    private static final MethodHandle ALLOCATED_BYTES =
            counter("getThreadMXBean", "com.sun.management.ThreadMXBean", "getCurrentThreadAllocatedBytes");
    private static final MethodHandle LOADED_CLASSES =
            counter("getClassLoadingMXBean", "java.lang.management.ClassLoadingMXBean", "getTotalLoadedClassCount");

    private Allocations() {
    }

    /** A running total of this thread's allocations; only differences mean anything. */
    public static long byThisThread() {
        try {
            return (long) ALLOCATED_BYTES.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read the allocation counter", e);
        }
    }

    /** A running total of classes loaded by the JVM. */
    public static long classesLoaded() {
        try {
            return (long) LOADED_CLASSES.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read the class loading counter", e);
        }
    }

    private static MethodHandle counter(String factoryMethod, String beanInterface, String getter) {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod(factoryMethod).invoke(null);
            return MethodHandles.publicLookup()
                    .findVirtual(Class.forName(beanInterface), getter, MethodType.methodType(long.class))
                    .bindTo(bean);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
