package dev.wskit.protocol.handshake;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.extension.DeflateParameters;
import dev.wskit.protocol.extension.internal.DeflateNegotiation;
import dev.wskit.protocol.extension.internal.ExtensionOffer;
import dev.wskit.protocol.http.HttpHeaders;
import java.util.List;

/**
 * What the server's opening handshake judges and negotiates the same way whether the request came
 * as an HTTP/1.1 upgrade (RFC 6455 §4.2) or as an HTTP/2 extended CONNECT (RFC 8441 §5, which
 * keeps RFC 6455's {@code Sec-WebSocket-Version}, {@code Origin}, {@code Sec-WebSocket-Protocol}
 * and {@code Sec-WebSocket-Extensions}): the WebSocket header fields, looked up case-insensitively
 * so HTTP/2's lower-case names are the same fields.
 */
final class UpgradeNegotiation {
    static final String SUPPORTED_VERSION = "13";

    private UpgradeNegotiation() {
    }

    /** RFC 6455 §4.2.1 item 6: whether {@code headers} name our version, or the violation. */
    static ProtocolViolation versionViolation(HttpHeaders headers) {
        // RFC 6455 §4.2.1 item 6: exactly one version, and it is 13.
        if (headers.count("Sec-WebSocket-Version") != 1
                || !SUPPORTED_VERSION.equals(headers.first("Sec-WebSocket-Version"))) {
            return ProtocolViolation.UNSUPPORTED_VERSION;
        }
        return null;
    }

    /**
     * The first of the rules judged after the handshake's own (the key, for HTTP/1.1) that
     * {@code headers} break, or {@code null}.
     */
    static ProtocolViolation originOrExtensionsViolation(HttpHeaders headers, WebSocketConfig config) {
        // RFC 6454 §7.3: a request carries at most one Origin; with several, no policy can judge it.
        if (headers.count("Origin") > 1 || !config.originPolicy().test(headers.first("Origin"))) {
            return ProtocolViolation.ORIGIN_REJECTED;
        }
        // Judged before the application decides, so an accepted upgrade is never refused after.
        if (config.perMessageDeflate() != null && !offersParse(headers)) {
            return ProtocolViolation.MALFORMED_EXTENSIONS;
        }
        return null;
    }

    /** RFC 6455 §9.1: whether the extension offers are well-formed. */
    private static boolean offersParse(HttpHeaders headers) {
        try {
            ExtensionOffer.parseAll(headers.all("Sec-WebSocket-Extensions"));
            return true;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /**
     * The subprotocol of the answer: {@code requested} (which the client must have offered), or,
     * when {@code null}, the first of ours, in our order of preference, that the client offered on
     * any of its lines (RFC 6455 §4.2.2 item 5.4); none in common means none, not a refusal.
     * Names compare exactly, as the client will compare our echo.
     *
     * @throws IllegalArgumentException when the client did not offer {@code requested}
     */
    static String subprotocol(HttpHeaders headers, WebSocketConfig config, String requested) {
        List<String> offered = headers.values("Sec-WebSocket-Protocol");
        if (requested != null) {
            if (!offered.contains(requested)) {
                throw new IllegalArgumentException("subprotocol " + requested + " was not offered: " + offered);
            }
            return requested;
        }
        for (String supported : config.subprotocols()) {
            if (offered.contains(supported)) {
                return supported;
            }
        }
        return null;
    }

    /**
     * The permessage-deflate parameters agreed (RFC 7692 §7.1), or {@code null} when none.
     *
     * @throws IllegalArgumentException when the offers are malformed
     */
    static DeflateParameters deflate(HttpHeaders headers, WebSocketConfig config) {
        if (config.perMessageDeflate() == null) {
            return null;
        }
        return DeflateNegotiation.choose(
                ExtensionOffer.parseAll(headers.all("Sec-WebSocket-Extensions")), config.perMessageDeflate());
    }
}
