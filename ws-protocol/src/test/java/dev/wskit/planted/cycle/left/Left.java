package dev.wskit.planted.cycle.left;

import dev.wskit.planted.cycle.right.Right;

/**
 * Half of a planted package cycle: this package uses {@link Right}'s, which uses this one. Outside
 * {@code dev.wskit.protocol}, so the engine's own check never sees it. Never run, only imported.
 */
public final class Left {
    Right partner() {
        return new Right();
    }
}
