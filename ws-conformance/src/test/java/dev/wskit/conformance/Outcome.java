package dev.wskit.conformance;

/** How one case went on one transport: what the RFC requires and what came, for the report. */
final class Outcome {
    final String suite;
    final String id;
    final String section;
    final String title;
    final Transport transport;
    final boolean passed;
    final String expected;
    final String got;
    final long millis;

    Outcome(String suite, String id, String section, String title, Transport transport,
            boolean passed, String expected, String got, long millis) {
        this.suite = suite;
        this.id = id;
        this.section = section;
        this.title = title;
        this.transport = transport;
        this.passed = passed;
        this.expected = expected;
        this.got = got;
        this.millis = millis;
    }
}
