package dev.wskit.examples;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import java.util.Objects;

/**
 * What a server app serves with in one run: the connections' configuration (its plain-HTTP
 * handler among it), the decider of every upgrade, and what the run holds beyond the server (a
 * cluster node, for a chat room across nodes), released once the server has stopped. Made
 * together, so they may share state, as chat's page check and its upgrades share the room.
 */
public record ServerSetup(WebSocketConfig config, UpgradeDecider decider, Runnable release) {
    public ServerSetup {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(decider, "decider");
        Objects.requireNonNull(release, "release");
    }

    /** A setup holding nothing beyond the server. */
    public ServerSetup(WebSocketConfig config, UpgradeDecider decider) {
        this(config, decider, () -> { });
    }
}
