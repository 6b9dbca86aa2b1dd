package dev.wskit.transport.core.trace;

import dev.wskit.protocol.MessageDelivery;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection's {@link WebSocketConfig} as a trace's header holds it: every value a replay needs
 * to decide as the connection did. The origin policy and the HTTP handler are the application's
 * code, not values: a trace records their answers instead ({@link TraceKind#ORIGIN},
 * {@link TraceKind#HTTP_ANSWER}); a server's engine never draws on the random source.
 */
public final class TracedConfig {
    private static final String PREFIX = "config.";

    private TracedConfig() {
    }

    /** {@code config}'s values, named {@code config.*}. */
    public static Map<String, String> describe(WebSocketConfig config) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(PREFIX + "maxHandshakeBytes", Integer.toString(config.maxHandshakeBytes()));
        values.put(PREFIX + "maxHttpBodyBytes", Integer.toString(config.maxHttpBodyBytes()));
        values.put(PREFIX + "maxFramePayload", Integer.toString(config.maxFramePayload()));
        values.put(PREFIX + "maxMessageSize", Integer.toString(config.maxMessageSize()));
        values.put(PREFIX + "maxFragmentsPerMessage", Integer.toString(config.maxFragmentsPerMessage()));
        values.put(PREFIX + "maxOutboundBytes", Long.toString(config.maxOutboundBytes()));
        values.put(PREFIX + "outboundLowWaterMark", Long.toString(config.outboundLowWaterMark()));
        values.put(PREFIX + "outboundHighWaterMark", Long.toString(config.outboundHighWaterMark()));
        values.put(PREFIX + "maxOutgoingFrameSize", Integer.toString(config.maxOutgoingFrameSize()));
        values.put(PREFIX + "autoPong", Boolean.toString(config.autoPong()));
        values.put(PREFIX + "delivery", config.delivery().name());
        // Subprotocols are tokens (RFC 6455 §4.1): a comma never occurs in one.
        values.put(PREFIX + "subprotocols", String.join(",", config.subprotocols()));
        values.put(PREFIX + "handshakeTimeout", Long.toString(config.handshakeTimeout().toNanos()));
        values.put(PREFIX + "closeTimeout", Long.toString(config.closeTimeout().toNanos()));
        values.put(PREFIX + "idleTimeout", Long.toString(config.idleTimeout().toNanos()));
        values.put(PREFIX + "messageTimeout", Long.toString(config.messageTimeout().toNanos()));
        PerMessageDeflateConfig deflate = config.perMessageDeflate();
        values.put(PREFIX + "perMessageDeflate", deflate == null ? "off" : deflate.compressionLevel() + ","
                + deflate.threshold() + "," + deflate.serverNoContextTakeover() + "," + deflate.clientNoContextTakeover());
        values.put(PREFIX + "httpHandler", Boolean.toString(config.httpHandler() != null));
        return values;
    }

    /**
     * The configuration {@link #describe} wrote into {@code header}, without origin policy or HTTP
     * handler (the replay puts in the recorded answers).
     *
     * @throws IllegalArgumentException when a value is missing or malformed
     */
    public static WebSocketConfig rebuild(Map<String, String> header) {
        Values values = new Values(header);
        WebSocketConfig.Builder config = WebSocketConfig.builder()
                .maxHandshakeBytes(values.integer("maxHandshakeBytes"))
                .maxHttpBodyBytes(values.integer("maxHttpBodyBytes"))
                .maxFramePayload(values.integer("maxFramePayload"))
                .maxMessageSize(values.integer("maxMessageSize"))
                .maxFragmentsPerMessage(values.integer("maxFragmentsPerMessage"))
                .maxOutboundBytes(values.number("maxOutboundBytes"))
                .outboundWaterMarks(values.number("outboundLowWaterMark"), values.number("outboundHighWaterMark"))
                .maxOutgoingFrameSize(values.integer("maxOutgoingFrameSize"))
                .autoPong(Boolean.parseBoolean(values.text("autoPong")))
                .delivery(MessageDelivery.valueOf(values.text("delivery")))
                .handshakeTimeout(Duration.ofNanos(values.number("handshakeTimeout")))
                .closeTimeout(Duration.ofNanos(values.number("closeTimeout")))
                .idleTimeout(Duration.ofNanos(values.number("idleTimeout")))
                .messageTimeout(Duration.ofNanos(values.number("messageTimeout")));
        String subprotocols = values.text("subprotocols");
        if (!subprotocols.isEmpty()) {
            config.subprotocols(List.of(subprotocols.split(",")));
        }
        String deflate = values.text("perMessageDeflate");
        if (!deflate.equals("off")) {
            List<String> parts = Arrays.asList(deflate.split(","));
            if (parts.size() != 4) {
                throw new IllegalArgumentException("malformed config.perMessageDeflate: " + deflate);
            }
            config.perMessageDeflate(PerMessageDeflateConfig.builder()
                    .compressionLevel(Integer.parseInt(parts.get(0)))
                    .threshold(Integer.parseInt(parts.get(1)))
                    .serverNoContextTakeover(Boolean.parseBoolean(parts.get(2)))
                    .clientNoContextTakeover(Boolean.parseBoolean(parts.get(3)))
                    .build());
        }
        return config.build();
    }

    /** Whether the recorded connection had an HTTP handler for plain requests. */
    public static boolean hadHttpHandler(Map<String, String> header) {
        return Boolean.parseBoolean(header.get(PREFIX + "httpHandler"));
    }

    private record Values(Map<String, String> header) {
        String text(String name) {
            String value = header.get(PREFIX + name);
            if (value == null) {
                throw new IllegalArgumentException("the trace's header has no " + PREFIX + name);
            }
            return value;
        }

        long number(String name) {
            try {
                return Long.parseLong(text(name));
            } catch (NumberFormatException malformed) {
                throw new IllegalArgumentException("malformed " + PREFIX + name + ": " + text(name));
            }
        }

        int integer(String name) {
            return Math.toIntExact(number(name));
        }
    }
}
