package dev.wskit.protocol.extension.internal;

import static dev.wskit.protocol.extension.DeflateParameters.CLIENT_MAX_WINDOW_BITS;
import static dev.wskit.protocol.extension.DeflateParameters.CLIENT_NO_CONTEXT_TAKEOVER;
import static dev.wskit.protocol.extension.DeflateParameters.EXTENSION_NAME;
import static dev.wskit.protocol.extension.DeflateParameters.SERVER_MAX_WINDOW_BITS;
import static dev.wskit.protocol.extension.DeflateParameters.SERVER_NO_CONTEXT_TAKEOVER;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.extension.DeflateParameters;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import java.util.List;
import java.util.Map;

/**
 * The permessage-deflate negotiation (RFC 7692 §5, §7.1): the client's offer, the server's choice
 * among offers, the client's check of the answer. Both ends arrive at the same
 * {@link DeflateParameters}.
 */
public final class DeflateNegotiation {
    private DeflateNegotiation() {
    }

    /**
     * The client's offer: one permessage-deflate element, with the context parameters asked for,
     * and {@code client_max_window_bits} without a value: the server may name a window for our
     * messages, which {@link MessageDeflater} honours whatever its size (RFC 7692 §7.1.2.2).
     */
    public static String offer(PerMessageDeflateConfig config) {
        StringBuilder offer = new StringBuilder(EXTENSION_NAME);
        if (config.serverNoContextTakeover()) {
            offer.append("; ").append(SERVER_NO_CONTEXT_TAKEOVER);
        }
        if (config.clientNoContextTakeover()) {
            offer.append("; ").append(CLIENT_NO_CONTEXT_TAKEOVER);
        }
        return offer.append("; ").append(CLIENT_MAX_WINDOW_BITS).toString();
    }

    /**
     * The server's choice (RFC 7692 §5.1): the first permessage-deflate offer it can honour, or
     * {@code null} to decline them all. An offer with an unknown, repeated or invalid parameter
     * is declined (RFC 7692 §7). A server window below 15 bits is honoured (see
     * {@link MessageDeflater}) and answered with the same value.
     */
    public static DeflateParameters choose(List<ExtensionOffer> offers, PerMessageDeflateConfig config) {
        for (ExtensionOffer offer : offers) {
            if (!offer.name().equals(EXTENSION_NAME) || offer.hasRepeatedParameter()) {
                continue;
            }
            DeflateParameters accepted = acceptOffer(offer.parameters(), config);
            if (accepted != null) {
                return accepted;
            }
        }
        return null;
    }

    private static DeflateParameters acceptOffer(Map<String, String> parameters, PerMessageDeflateConfig config) {
        int serverWindow = 0;
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            String value = p.getValue();
            switch (p.getKey()) {
                case SERVER_NO_CONTEXT_TAKEOVER:
                case CLIENT_NO_CONTEXT_TAKEOVER:
                    if (value != null) {
                        return null;
                    }
                    break;
                case SERVER_MAX_WINDOW_BITS:
                    // RFC 7692 §7.1.2.1: accepted by answering a window no larger than asked for.
                    serverWindow = windowBits(value);
                    if (serverWindow == 0) {
                        return null;
                    }
                    break;
                case CLIENT_MAX_WINDOW_BITS:
                    // RFC 7692 §7.1.2.2: the client may omit the value. Our inflater takes any
                    // window, so we never ask the client for a smaller one.
                    if (value != null && windowBits(value) == 0) {
                        return null;
                    }
                    break;
                default:
                    return null;
            }
        }
        // RFC 7692 §7.1.1: a server may add either no_context_takeover on its own.
        return new DeflateParameters(
                parameters.containsKey(SERVER_NO_CONTEXT_TAKEOVER) || config.serverNoContextTakeover(),
                parameters.containsKey(CLIENT_NO_CONTEXT_TAKEOVER) || config.clientNoContextTakeover(),
                serverWindow, 0);
    }

    /**
     * The client's check of the server's answer (RFC 7692 §7.1): at most one element, ours, with
     * parameters a server may send; {@code null} when the server declined.
     *
     * @throws WebSocketException {@link ProtocolViolation#UNREQUESTED_EXTENSION} otherwise
     */
    public static DeflateParameters acceptResponse(List<ExtensionOffer> response) {
        if (response.isEmpty()) {
            return null;
        }
        if (response.size() > 1 || !response.get(0).name().equals(EXTENSION_NAME)) {
            throw refused("the server answered " + response + " to an offer of " + EXTENSION_NAME);
        }
        ExtensionOffer answer = response.get(0);
        if (answer.hasRepeatedParameter()) {
            throw refused("a parameter is repeated in " + answer);
        }
        int serverWindow = 0;
        int clientWindow = 0;
        for (Map.Entry<String, String> p : answer.parameters().entrySet()) {
            boolean valid;
            switch (p.getKey()) {
                case SERVER_NO_CONTEXT_TAKEOVER:
                case CLIENT_NO_CONTEXT_TAKEOVER:
                    valid = p.getValue() == null;
                    break;
                case SERVER_MAX_WINDOW_BITS:
                    serverWindow = windowBits(p.getValue());
                    valid = serverWindow != 0;
                    break;
                case CLIENT_MAX_WINDOW_BITS:
                    // RFC 7692 §7.1.2.2: our offer allowed it; in an answer it carries a value.
                    clientWindow = windowBits(p.getValue());
                    valid = clientWindow != 0;
                    break;
                default:
                    valid = false;
            }
            if (!valid) {
                throw refused("parameter " + p.getKey() + (p.getValue() == null ? "" : "=" + p.getValue())
                        + " is not allowed in " + answer);
            }
        }
        return new DeflateParameters(answer.parameters().containsKey(SERVER_NO_CONTEXT_TAKEOVER),
                answer.parameters().containsKey(CLIENT_NO_CONTEXT_TAKEOVER), serverWindow, clientWindow);
    }

    private static WebSocketException refused(String detail) {
        return new WebSocketException(ProtocolViolation.UNREQUESTED_EXTENSION, detail);
    }

    /** RFC 7692 §7.1.2: a window is 8 to 15 bits, written as 1*DIGIT; 0 for anything else. */
    private static int windowBits(String value) {
        if (value == null || !value.matches("[0-9]{1,2}")) {
            return 0;
        }
        int bits = Integer.parseInt(value);
        return bits >= 8 && bits <= 15 ? bits : 0;
    }
}
