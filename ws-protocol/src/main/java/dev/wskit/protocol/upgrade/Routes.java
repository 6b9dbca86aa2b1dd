package dev.wskit.protocol.upgrade;

import dev.wskit.protocol.WebSocketHandler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Routing by path: each request goes to the decider of its exact path, or else of the longest
 * prefix that matches it; a path nobody serves is answered {@code 404} before the upgrade.
 * Immutable once built.
 *
 * <pre>{@code
 * Routes routes = Routes.builder()
 *         .exact("/chat", ChatHandler::new)
 *         .prefix("/rooms/", request -> authenticated(request))
 *         .build();
 * }</pre>
 */
public final class Routes implements UpgradeDecider {
    private final Map<String, UpgradeDecider> exact;
    /** Longest prefix first, so the most specific route wins. */
    private final List<Map.Entry<String, UpgradeDecider>> prefixes;

    private Routes(Builder b) {
        this.exact = Map.copyOf(b.exact);
        List<Map.Entry<String, UpgradeDecider>> sorted = new ArrayList<>(b.prefixes.entrySet());
        sorted.sort(Comparator.comparingInt((Map.Entry<String, UpgradeDecider> route) -> route.getKey().length()).reversed());
        this.prefixes = List.copyOf(sorted);
    }

    /**
     * A builder with no routes yet.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public UpgradeDecision decide(UpgradeRequest request) {
        String path = request.path();
        UpgradeDecider route = exact.get(path);
        if (route == null) {
            route = prefixes.stream().filter(prefix -> path.startsWith(prefix.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
        return route == null ? UpgradeDecision.reject(404, "no WebSocket at " + path + "\n") : route.decide(request);
    }

    /** Routes being declared; a path may be declared once per kind. */
    public static final class Builder {
        private final Map<String, UpgradeDecider> exact = new LinkedHashMap<>();
        private final Map<String, UpgradeDecider> prefixes = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Requests for exactly {@code path} (query aside) go to {@code decider}.
         *
         * @param path the request path, as the client sends it (percent-encoded); starting with
         *     {@code /}
         * @param decider decides the upgrade of such requests
         * @return this builder
         */
        public Builder exact(String path, UpgradeDecider decider) {
            put(exact, path, decider);
            return this;
        }

        /**
         * Requests for exactly {@code path} are accepted, each with a new handler from
         * {@code handlers}.
         *
         * @param path the request path, as the client sends it (percent-encoded); starting with
         *     {@code /}
         * @param handlers gives a new handler for each connection
         * @return this builder
         */
        public Builder exact(String path, Supplier<? extends WebSocketHandler> handlers) {
            return exact(path, UpgradeDecider.acceptAll(handlers));
        }

        /**
         * Requests whose path starts with {@code prefix} go to {@code decider}, unless an exact or
         * longer route matches.
         *
         * @param prefix the start of the path, as {@code /rooms/}
         * @param decider decides the upgrade of such requests
         * @return this builder
         */
        public Builder prefix(String prefix, UpgradeDecider decider) {
            put(prefixes, prefix, decider);
            return this;
        }

        /**
         * Requests whose path starts with {@code prefix} are accepted, each with a new handler from
         * {@code handlers}.
         *
         * @param prefix the start of the path, as {@code /rooms/}
         * @param handlers gives a new handler for each connection
         * @return this builder
         */
        public Builder prefix(String prefix, Supplier<? extends WebSocketHandler> handlers) {
            return prefix(prefix, UpgradeDecider.acceptAll(handlers));
        }

        /**
         * The routes added so far.
         *
         * @return the routes; later changes to this builder do not reach them
         */
        public Routes build() {
            return new Routes(this);
        }

        private static void put(Map<String, UpgradeDecider> routes, String path, UpgradeDecider decider) {
            if (!Objects.requireNonNull(path, "path").startsWith("/")) {
                throw new IllegalArgumentException("a route's path starts with '/': " + path);
            }
            if (routes.putIfAbsent(path, Objects.requireNonNull(decider, "decider")) != null) {
                throw new IllegalArgumentException("route declared twice: " + path);
            }
        }
    }
}
