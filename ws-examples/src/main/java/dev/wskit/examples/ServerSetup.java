package dev.wskit.examples;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import java.util.Objects;

/**
 * What a server app serves with in one run: the connections' configuration (its plain-HTTP
 * handler among it) and the decider of every upgrade. Made together, so the two may share state,
 * as chat's page check and its upgrades share the room.
 */
public record ServerSetup(WebSocketConfig config, UpgradeDecider decider) {
    public ServerSetup {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(decider, "decider");
    }
}
