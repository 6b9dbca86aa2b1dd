package dev.wskit.benchmarks.attack;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * permessage-deflate offers with window sizes outside RFC 7692 §7.1.2's 8..15, or not numbers.
 * §7.1.2.1 and §7.1.2.2: a server must decline such an offer (answer 101 without the extension,
 * or refuse the request); accepting it, or failing on it, is what has hurt other stacks (a zlib
 * window it cannot open, an unchecked number parsed as a size).
 */
final class WindowBitsOffers extends Attack {
    private static final List<String> OFFERS = List.of(
            "server_max_window_bits=7", "server_max_window_bits=16", "server_max_window_bits=abc",
            "client_max_window_bits=7", "client_max_window_bits=16", "client_max_window_bits=abc");

    WindowBitsOffers() {
        super("window-bits", "permessage-deflate offers with window bits 7, 16 and abc, each on its own connection");
    }

    @Override
    String run(Target target, Scale scale) {
        StringJoiner answers = new StringJoiner("; ");
        for (String offer : OFFERS) {
            answers.add(offer + ": " + answer(target, offer));
        }
        return answers.toString();
    }

    private static String answer(Target target, String offer) {
        try (Peer peer = Peer.connect(target)) {
            String head = peer.upgrade(target.handshake("Sec-WebSocket-Extensions: permessage-deflate; " + offer + "\r\n"));
            if (!head.startsWith("HTTP/1.1 101")) {
                return "http " + head.substring(9, Math.min(12, head.length()));
            }
            return peer.agreed("permessage-deflate") ? "accepted" : "declined";
        } catch (IOException e) {
            return e.getMessage() == null ? "failed" : e.getMessage().toLowerCase(Locale.ROOT);
        }
    }
}
