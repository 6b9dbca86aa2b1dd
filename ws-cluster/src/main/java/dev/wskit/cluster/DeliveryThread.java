package dev.wskit.cluster;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * A node's one delivery thread: it owns the node's members and watchers, calls every sink and
 * listener, and runs the node's periodic work. One thread keeps each topic's order without locks.
 */
final class DeliveryThread {
    private DeliveryThread() {
    }

    static ScheduledExecutorService start(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
