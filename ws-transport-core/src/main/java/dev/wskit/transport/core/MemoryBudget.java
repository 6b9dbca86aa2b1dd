package dev.wskit.transport.core;

import dev.wskit.protocol.MemoryAccount;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory one server's connections may make it hold, all of them together: messages being
 * reassembled or inflated, and output their peers have not read. Each connection draws on it
 * through its own {@link Account}, which its engine asks before it grows.
 *
 * <p>When the budget runs short, the connections that hold the most give way, never the process:
 * a request from the connection that would then hold the most is refused (its engine closes it
 * with {@code 1013}, and its memory returns); a request from a smaller one is granted on a credit
 * of {@link #limit()} / 8 while the connection holding the most is shed, on its own thread. So
 * small, well-behaved connections keep being served while the largest holders go, and what all
 * hold never passes the budget and its credit. Per-connection limits ({@code maxMessageSize},
 * {@code maxOutboundBytes}) still apply first. Thread-safe.
 */
public final class MemoryBudget {
    /** The share of the heap a server's connections may hold by default. */
    private static final int HEAP_SHARE = 8;

    private final long limit;
    private final long overdraft;
    private final AtomicLong used = new AtomicLong();
    private final Set<Account> accounts = ConcurrentHashMap.newKeySet();
    private static final VarHandle SHEDDING = shedding();

    /**
     * A budget of {@code limit} bytes.
     *
     * @param limit the bytes all connections may hold together; at least 1
     */
    public MemoryBudget(long limit) {
        this.limit = ArgumentChecks.positive(limit, "memoryBudget");
        this.overdraft = limit / 8;
    }

    /**
     * An eighth of the largest heap this JVM may have ({@code -Xmx}): what connections make the
     * server hold beside what every connection costs anyway (10,000 idle connections take 35 to
     * 110 MB, depending on the transport), the application's own data, and the garbage a growing
     * buffer leaves. Measured: with a quarter, the attack suite's attacks all at once exhausted a
     * 256 MiB heap on Vert.x; with an eighth, none did.
     *
     * @return a new budget
     */
    public static MemoryBudget ofHeap() {
        return new MemoryBudget(Runtime.getRuntime().maxMemory() / HEAP_SHARE);
    }

    /**
     * The bytes all connections may hold together.
     *
     * @return the limit in bytes
     */
    public long limit() {
        return limit;
    }

    /**
     * The bytes all connections hold now.
     *
     * @return the bytes held, at least 0
     */
    public long used() {
        return used.get();
    }

    /**
     * A new connection's account. {@code shed} is run, from any thread and at most once, when the
     * budget wants this connection to give its memory back: it fails the connection on its own thread.
     *
     * @param shed fails the connection, giving its memory back
     * @return the account, holding nothing yet
     */
    public Account open(Runnable shed) {
        Account account = new Account(Objects.requireNonNull(shed, "shed"));
        accounts.add(account);
        return account;
    }

    private static VarHandle shedding() {
        try {
            return MethodHandles.lookup().findVarHandle(Account.class, "shedding", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One connection's share: used on the connection's own thread, read by others to find the largest. */
    public final class Account implements MemoryAccount {
        private final Runnable shed;
        /** Set once, by {@link #shedOnce}; a field, not an AtomicBoolean: one object less per connection. */
        private volatile boolean shedding;
        /** Written by the connection's thread only. */
        private volatile long held;

        private Account(Runnable shed) {
            this.shed = shed;
        }

        @Override
        public boolean reserve(long bytes) {
            long total = used.addAndGet(bytes);
            if (total > limit && !shortOfMemory(total, bytes)) {
                used.addAndGet(-bytes);
                return false;
            }
            held += bytes;
            return true;
        }

        /**
         * Whether a request that took the budget to {@code total}, past its limit, is granted all
         * the same, within the credit: when what shed connections still hold covers the excess,
         * or else when another connection holds more, which is then shed. Memory on its way back
         * is not granted before it is back: a shed runs on its connection's thread, which may be
         * the one asking.
         */
        private boolean shortOfMemory(long total, long bytes) {
            Account largest = null;
            long returning = 0;
            for (Account account : accounts) {
                if (account.shedding) {
                    returning += account.held;
                } else if (account != this && (largest == null || account.held > largest.held)) {
                    largest = account;
                }
            }
            if (total - returning > limit) {
                if (largest == null || held + bytes >= largest.held) {
                    return false;
                }
                largest.shedOnce();
            }
            return total <= limit + overdraft;
        }

        private void shedOnce() {
            if (SHEDDING.compareAndSet(this, false, true)) {
                shed.run();
            }
        }

        @Override
        public void release(long bytes) {
            used.addAndGet(-bytes);
            held -= bytes;
        }

        /**
         * The bytes this connection holds.
         *
         * @return the bytes held, at least 0
         */
        public long held() {
            return held;
        }

        /** The connection ended: whatever it still held returns to the budget. */
        public void close() {
            accounts.remove(this);
            used.addAndGet(-held);
            held = 0;
        }
    }
}
