package dev.wskit.benchmarks.fanout;

/**
 * What the publisher sends: {@code SEQUENCE NANOS} and padding up to the message size. The
 * sequence checks order and loss; the nanoTime of the publish gives the latency, valid because
 * publisher and subscribers share one JVM's clock.
 */
record Payload(long sequence, long sentNanos) {

    String encode(int size) {
        StringBuilder text = new StringBuilder(size).append(sequence).append(' ').append(sentNanos).append(' ');
        while (text.length() < size) {
            text.append('x');
        }
        return text.toString();
    }

    static Payload parse(CharSequence text) {
        String s = text.toString();
        int first = s.indexOf(' ');
        int second = s.indexOf(' ', first + 1);
        return new Payload(Long.parseLong(s, 0, first, 10), Long.parseLong(s, first + 1, second, 10));
    }
}
