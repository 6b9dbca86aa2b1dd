package dev.wskit.conformance;

/** The 16 MiB payloads, made once and shared by every case and transport that sends them. */
final class LargePayloads {
    static final int SIXTEEN_MIB = 16 * 1024 * 1024;
    static final byte[] TEXT_16_MIB = Payloads.text(SIXTEEN_MIB);
    static final byte[] BINARY_16_MIB = Payloads.binary(SIXTEEN_MIB);

    private LargePayloads() {
    }
}
