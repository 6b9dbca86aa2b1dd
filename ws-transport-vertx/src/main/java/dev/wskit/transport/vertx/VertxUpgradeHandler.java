package dev.wskit.transport.vertx;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.handshake.ServerHandshake;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.transport.core.ConnectionDriver;
import dev.wskit.transport.core.MountedRequests;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Mounts wskit on a Vert.x {@code HttpServer} the application already runs, so one port serves its
 * HTTP routes and wskit's WebSockets. Every HTTP/1.x request that asks to become a WebSocket
 * ({@code Upgrade: websocket}) is taken over: the wskit engine judges it by every rule of RFC 6455
 * §4.2 (a bad one gets the same status as on wskit's own servers), the {@link UpgradeDecider}
 * decides the valid ones (accept, reject, later; a {@link dev.wskit.protocol.upgrade.Routes} routes
 * them by path, answering 404 off its routes), and an accepted connection leaves Vert.x's HTTP
 * handling for good. Any other request is the application's.
 *
 * <pre>{@code
 * VertxUpgradeHandler upgrades = VertxUpgradeHandler.create(config, Routes.builder().exact("/ws", Echo::new).build());
 * vertx.createHttpServer().requestHandler(upgrades.orElse(application)).listen(8080);
 * }</pre>
 *
 * <p>Beside a vertx-web {@code Router}, route the WebSocket path to it and let the router go on
 * with what it does not take:
 * {@code router.route("/ws").handler(ctx -> { if (!upgrades.upgrade(ctx.request())) ctx.next(); })}.
 * Put no body handler in front of that route: the request must reach it untouched.
 *
 * <p>Vert.x writes the head of the connection it hands over itself, so the engine's answer goes
 * through Vert.x's response (the same status, reason and fields). The connection runs on the
 * request's context; the server's shutdown sends {@code 1001} to it, as on wskit's own servers. A
 * client that sends frames before the {@code 101} breaks RFC 6455 §4.1, and here loses them: they
 * reach Vert.x's HTTP decoder, not the engine. Do not set Vert.x's own {@code webSocketHandler} on
 * the server, which would take the upgrade requests first.
 *
 * <p>Immutable and thread-safe: one instance serves every connection of every server.
 */
public final class VertxUpgradeHandler {
    private final WebSocketConfig config;
    private final UpgradeDecider decider;

    private VertxUpgradeHandler(WebSocketConfig config, UpgradeDecider decider) {
        this.config = Objects.requireNonNull(config, "config");
        this.decider = Objects.requireNonNull(decider, "decider");
    }

    /**
     * Upgrades that {@code decider} decides, with connections configured by {@code config}.
     *
     * @param config the settings of every upgraded connection
     * @param decider decides each valid upgrade request (RFC 6455 §4.2.2)
     * @return the upgrade handler, for every request of one HTTP server
     */
    public static VertxUpgradeHandler create(WebSocketConfig config, UpgradeDecider decider) {
        return new VertxUpgradeHandler(config, decider);
    }

    /**
     * Accepts every valid upgrade, each connection with a new handler from {@code handlers}.
     *
     * @param config the settings of every upgraded connection
     * @param handlers makes one handler per connection
     * @return the upgrade handler, for every request of one HTTP server
     */
    public static VertxUpgradeHandler create(WebSocketConfig config, Supplier<? extends WebSocketHandler> handlers) {
        return new VertxUpgradeHandler(config, UpgradeDecider.acceptAll(handlers));
    }

    /**
     * Takes {@code request} over when it asks to become a WebSocket; call it on the request's
     * context (in the server's request handler), before anything reads the request.
     *
     * @param request a request Vert.x's HTTP server received, not yet read
     * @return whether the request was taken; if not, it is untouched and the caller's to answer
     */
    public boolean upgrade(HttpServerRequest request) {
        // RFC 6455 §4.1: the upgrade is HTTP/1.1's; HTTP/2 requests (RFC 8441) are not taken.
        if (request.version() != HttpVersion.HTTP_1_1 && request.version() != HttpVersion.HTTP_1_0) {
            return false;
        }
        HttpRequest parsed;
        try {
            parsed = toWskit(request);
        } catch (IllegalArgumentException unreadable) {
            if (!request.headers().contains("Upgrade")) {
                return false;
            }
            // A target the engine refuses (a fragment, say): answered as the engine answers it.
            UpgradingRequest.respond(request.response(), MountedRequests.unreadable())
                    .onComplete(written -> request.connection().close());
            return true;
        }
        if (!ServerHandshake.asksForWebSocket(parsed)) {
            return false;
        }
        new UpgradingRequest(this, request, io -> ConnectionDriver.server(config, decider, io)).start(parsed);
        return true;
    }

    /**
     * A request handler: upgrades what asks for it, and gives every other request to
     * {@code application}.
     *
     * @param application answers every request that does not ask for a WebSocket; not {@code null}
     * @return the request handler, to set on the application's HTTP server
     */
    public Handler<HttpServerRequest> orElse(Handler<HttpServerRequest> application) {
        Objects.requireNonNull(application, "application");
        return request -> {
            if (!upgrade(request)) {
                application.handle(request);
            }
        };
    }

    /** The request as the engine reads it; {@link IllegalArgumentException} for what it cannot take. */
    private static HttpRequest toWskit(HttpServerRequest request) {
        int minor = request.version() == HttpVersion.HTTP_1_0 ? 0 : 1;
        return MountedRequests.read(request.method().name(), request.uri(), 1, minor, request.headers());
    }
}
