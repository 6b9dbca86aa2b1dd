package dev.wskit.examples.chat;

import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import dev.wskit.protocol.upgrade.UpgradeRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may join, decided before the upgrade: {@code /ws?name=NAME}, or {@code /ws} with the cookie
 * {@value #NAME_COOKIE} the page sets to the name chosen, with a usable name that nobody on this
 * node holds. A missing or unusable name is answered {@code 400}, a taken one {@code 409}, each with
 * the reason as plain text; an accepted connection carries its reserved name as the attribute
 * {@value #NAME_ATTRIBUTE}. A page resuming on this node after its own stopped adds
 * {@code &after=ID}, the id of the last message it showed, carried as {@value #AFTER_ATTRIBUTE};
 * one that is no message id is answered {@code 400}. A browser's script never sees those statuses (a failed
 * WebSocket is only an error event), so the page asks {@link #check} first for the reason.
 */
final class ChatAdmission implements UpgradeDecider {
    static final String PATH = "/ws";
    static final String NAME_ATTRIBUTE = "name";
    static final String AFTER_ATTRIBUTE = "after";
    /** A message id, as the cluster writes them: {@code <ms>-<seq>}. */
    private static final Pattern MESSAGE_ID = Pattern.compile("[0-9]{1,19}-[0-9]{1,19}");
    /** The cookie the page keeps the chosen name in: sent with its upgrade, and remembered for the next visit. */
    static final String NAME_COOKIE = "chat-name";
    /** Code points; long enough for a name, short enough that a join line stays one line. */
    static final int MAX_NAME = 32;
    static final String NAME_REQUIRED = "name required: 1 to " + MAX_NAME + " characters, none of them control characters\n";

    private final ChatRoom room;
    private final ChatHandler handler;

    ChatAdmission(ChatRoom room, ChatHandler handler) {
        this.room = room;
        this.handler = handler;
    }

    @Override
    public UpgradeDecision decide(UpgradeRequest request) {
        String name = nameFrom(request);
        if (name == null) {
            return UpgradeDecision.reject(400, NAME_REQUIRED);
        }
        Optional<String> after = request.queryParameter(AFTER_ATTRIBUTE);
        if (after.isPresent() && !MESSAGE_ID.matcher(after.get()).matches()) {
            return UpgradeDecision.reject(400, "after must be a message id (<ms>-<seq>): " + after.get() + "\n");
        }
        // Reserved here, not when the connection opens: two upgrades decided at once for one free
        // name must not both be accepted.
        if (!room.reserve(name)) {
            return UpgradeDecision.reject(409, taken(name));
        }
        UpgradeDecision accepted = UpgradeDecision.accept(handler).withAttribute(NAME_ATTRIBUTE, name);
        return after.map(id -> accepted.withAttribute(AFTER_ATTRIBUTE, id)).orElse(accepted);
    }

    /**
     * The page's question, {@code GET /name-check?name=NAME}: the status and reason an upgrade for
     * the name would get now, reserving nothing. Only a hint for the page; the upgrade decides.
     */
    HttpResponse check(HttpRequest request) {
        String name = nameFrom(new UpgradeRequest(request, null, null));
        HttpResponse answer;
        if (name == null) {
            answer = HttpResponse.text(400, NAME_REQUIRED);
        } else if (room.isTaken(name)) {
            answer = HttpResponse.text(409, taken(name));
        } else {
            answer = HttpResponse.text(200, "name free: " + name + "\n");
        }
        // True only now: a cached "free" would hide the reason of the next refusal.
        return answer.withHeader("Cache-Control", "no-store");
    }

    /**
     * The {@code name} query parameter, else the {@value #NAME_COOKIE} cookie, trimmed;
     * {@code null} when absent, empty, too long or holding control characters.
     */
    static String nameFrom(UpgradeRequest request) {
        String name = request.queryParameter("name").or(() -> cookieName(request)).orElse("").strip();
        int length = name.codePointCount(0, name.length());
        boolean printable = name.codePoints().noneMatch(Character::isISOControl);
        return length >= 1 && length <= MAX_NAME && printable ? name : null;
    }

    /**
     * The page writes the cookie's value with {@code encodeURIComponent}, as a cookie value may not
     * hold spaces, commas or semicolons (RFC 6265 §4.1.1); one that does not decode names nobody.
     */
    private static Optional<String> cookieName(UpgradeRequest request) {
        return request.cookie(NAME_COOKIE).map(value -> {
            try {
                return URLDecoder.decode(value, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return "";
            }
        });
    }

    private static String taken(String name) {
        return "name taken: " + name + "\n";
    }
}
