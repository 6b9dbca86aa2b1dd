package dev.wskit.testkit.kit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What one peer saw, in order: a text message as its {@code String}, a binary one as its
 * {@code byte[]}, anything else as a {@link Note} ({@code "open"}, {@code "ping:<utf8>"},
 * {@code "pong:<utf8>"}, {@code "close:<code>:<reason>"}, {@code "error:<violation or cause>"}).
 * Each event must be taken by the test: {@link Kit} fails a test that leaves one unchecked.
 */
public class Events {
    /** How long a test waits for an event before it fails. */
    public static final Duration WAIT = Duration.ofSeconds(20);

    private final String owner;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final List<String> ignored = new java.util.concurrent.CopyOnWriteArrayList<>();

    Events(String owner) {
        this.owner = owner;
    }

    /** The peer this log belongs to, as failures name it. */
    public String owner() {
        return owner;
    }

    /** An event that is not a message. */
    public record Note(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    void message(Object textOrBytes) {
        queue.add(textOrBytes);
    }

    void note(String text) {
        for (String prefix : ignored) {
            if (text.startsWith(prefix)) {
                return;
            }
        }
        queue.add(new Note(text));
    }

    /**
     * From now on, notes starting with {@code prefix} are not recorded, and those already waiting
     * are dropped: for events that recur on a timer (keepalive pings and pongs), which a test
     * cannot take all of, and one of which may come before the test says so. Said in the test, so
     * never silent.
     */
    public void ignoreNotes(String prefix) {
        ignored.add(prefix);
        queue.removeIf(event -> event instanceof Note note && note.text().startsWith(prefix));
    }

    /** The next event, waiting up to {@link #WAIT}. */
    public Object next() throws InterruptedException {
        Object event = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError(owner + ": no event within " + WAIT.toSeconds() + " s");
        }
        return event;
    }

    /** The next event if one comes within {@code wait}, else {@code null}. */
    public Object poll(Duration wait) throws InterruptedException {
        return queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next event, which must be the note {@code expected}, e.g. {@code "close:1000:"}. */
    public void expect(String expected) throws InterruptedException {
        Object event = next();
        if (!(event instanceof Note) || !event.toString().equals(expected)) {
            throw new AssertionError(owner + ": expected " + expected + " but got " + describe(event));
        }
    }

    /** The next events, which must be these notes in this order. */
    public void expect(String... expected) throws InterruptedException {
        for (String note : expected) {
            expect(note);
        }
    }

    /** The next event, which must be a note: for a check of its beginning only. */
    public String nextNote() throws InterruptedException {
        Object event = next();
        if (!(event instanceof Note)) {
            throw new AssertionError(owner + ": expected a note but got " + describe(event));
        }
        return event.toString();
    }

    public String nextText() throws InterruptedException {
        Object event = next();
        if (!(event instanceof String)) {
            throw new AssertionError(owner + ": expected a text message but got " + describe(event));
        }
        return (String) event;
    }

    public byte[] nextBinary() throws InterruptedException {
        Object event = next();
        if (!(event instanceof byte[])) {
            throw new AssertionError(owner + ": expected a binary message but got " + describe(event));
        }
        return (byte[]) event;
    }

    /** The next event is exactly this text message; a mismatch names the first differing index. */
    public void expectText(String expected) throws InterruptedException {
        String text = nextText();
        if (!text.equals(expected)) {
            throw new AssertionError(owner + ": text of " + text.length() + " chars differs from the "
                    + expected.length() + " expected, first at index " + Arrays.mismatch(text.toCharArray(),
                    expected.toCharArray()) + ": " + describe(text));
        }
    }

    /** The next event is exactly this binary message. */
    public void expectBinary(byte[] expected) throws InterruptedException {
        byte[] bytes = nextBinary();
        if (!Arrays.equals(bytes, expected)) {
            throw new AssertionError(owner + ": " + bytes.length + " bytes differ from the " + expected.length
                    + " expected, first at index " + Arrays.mismatch(bytes, expected));
        }
    }

    /** Fails if an event is waiting unchecked. */
    public void assertNoMoreEvents() {
        List<Object> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            throw new AssertionError(owner + ": events never checked: "
                    + left.stream().map(Events::describe).toList());
        }
    }

    static String describe(Object event) {
        if (event instanceof String text) {
            return "text(" + text.length() + " chars) \"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
        }
        if (event instanceof byte[] bytes) {
            return "binary(" + bytes.length + " bytes)";
        }
        return String.valueOf(event);
    }

    @Override
    public String toString() {
        return owner;
    }

    static String utf8(java.nio.ByteBuffer payload) {
        return java.nio.charset.StandardCharsets.UTF_8.decode(payload.duplicate()).toString();
    }
}
