package dev.wskit.transport.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The checks of server and client settings, so every transport refuses a bad argument with the
 * same exception and message: a {@link NullPointerException} names the parameter, an
 * {@link IllegalArgumentException} says the rule and the value, e.g.
 * {@code port out of range 0-65535: 70000}.
 */
public final class ArgumentChecks {
    private static final int MAX_PORT = 65_535;

    private ArgumentChecks() {
    }

    /**
     * A host to listen on: a name or an address, not empty.
     *
     * @param host the host name or address
     * @return {@code host}, checked
     */
    public static String host(String host) {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        return host;
    }

    /**
     * A TCP port, 0 to 65535; 0 asks for a free one.
     *
     * @param port the port number
     * @return {@code port}, checked
     */
    public static int port(int port) {
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("port out of range 0-" + MAX_PORT + ": " + port);
        }
        return port;
    }

    /**
     * A time that must pass before something happens: above zero.
     *
     * @param value the time
     * @param name the setting's name, for the exception's message
     * @return {@code value}, checked
     */
    public static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    /**
     * A time that may be zero (do not wait), but not below.
     *
     * @param value the time
     * @param name the setting's name, for the exception's message
     * @return {@code value}, checked
     */
    public static Duration notNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }

    /**
     * A count of at least one.
     *
     * @param value the count
     * @param name the setting's name, for the exception's message
     * @return {@code value}, checked
     */
    public static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    /**
     * A size of at least one byte.
     *
     * @param value the size in bytes
     * @param name the setting's name, for the exception's message
     * @return {@code value}, checked
     */
    public static long positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }
}
