package dev.wskit.transport.blocking;

import dev.wskit.transport.core.ConnectionGroup;
import dev.wskit.transport.core.ConnectionThreads;
import dev.wskit.transport.core.SharedTimer;
import java.time.Duration;

/**
 * What every connection of one server or client shares: the timer thread, where threads come from,
 * and the group it belongs to.
 *
 * @param writeTimeout how long one flush may block on a peer that does not read before the socket is
 *     closed under it
 */
record ConnectionResources(Duration writeTimeout, SharedTimer timer, ConnectionThreads threads, ConnectionGroup group) {
}
