package dev.wskit.planted.cycle.right;

import dev.wskit.planted.cycle.left.Left;

/** The other half of the planted package cycle: this package uses {@link Left}'s. */
public final class Right {
    Left partner() {
        return new Left();
    }
}
