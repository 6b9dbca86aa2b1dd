package dev.wskit.examples.chat;

import java.util.List;

/**
 * What the room tells the page, one JSON object per text message:
 * <pre>
 * {"type":"join","name":"ada","users":["ada","bob"]}
 * {"type":"leave","name":"bob","users":["ada"]}
 * {"type":"message","name":"ada","text":"hello","id":"1733612400000-0"}
 * {"type":"gap","after":"1733612400000-0"}
 * </pre>
 * {@code users} is everyone present in the room, on every node, in the order this node heard them
 * arrive. A message's {@code id} is its place in the room's one order, which the page sends back
 * to resume after it on another node; a message written while the cluster's store was out of
 * reach has none yet. A {@code gap} says the messages after {@code after} are lost to this member
 * (no longer in the history). Only written, never parsed here (the page sends plain text), so a
 * few lines replace a JSON library.
 */
final class ChatEvents {

    private ChatEvents() {
    }

    static String join(String name, List<String> users) {
        return "{\"type\":\"join\",\"name\":" + quote(name) + ",\"users\":" + array(users) + "}";
    }

    static String leave(String name, List<String> users) {
        return "{\"type\":\"leave\",\"name\":" + quote(name) + ",\"users\":" + array(users) + "}";
    }

    static String message(String name, String text, String id) {
        String event = "{\"type\":\"message\",\"name\":" + quote(name) + ",\"text\":" + quote(text);
        return (id == null ? event : event + ",\"id\":" + quote(id)) + "}";
    }

    static String gap(String lastId) {
        return "{\"type\":\"gap\",\"after\":" + quote(lastId) + "}";
    }

    private static String array(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (String value : values) {
            out.append(out.length() > 1 ? "," : "").append(quote(value));
        }
        return out.append(']').toString();
    }

    /** A JSON string (RFC 8259 §7): quote, backslash and control characters escaped, the rest as is. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
