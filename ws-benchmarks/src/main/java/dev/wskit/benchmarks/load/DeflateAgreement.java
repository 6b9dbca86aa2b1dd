package dev.wskit.benchmarks.load;

import java.util.Locale;

/**
 * What a server's 101 agreed for permessage-deflate (RFC 7692 §7.1), as far as the load tool's
 * own compressor has to obey it. The tool offers {@code permessage-deflate} with no parameters,
 * so the answer may carry only these (§7.1):
 *
 * <ul>
 *   <li>{@code server_no_context_takeover} and {@code server_max_window_bits}: how the server
 *       compresses. The tool's decompressor keeps its context and a 32 KiB window whatever they
 *       say, which decodes a server that resets its context or uses a smaller window as well
 *       (§7.1.1.1, §7.1.2.1: they bind the server's compressor, not our decompressor);
 *   <li>{@code client_no_context_takeover}: the tool then resets its compressor after every
 *       message (§7.1.1.2).
 * </ul>
 *
 * {@code client_max_window_bits} may not come back when it was not offered (§7.1.2.2), which is
 * as well: {@link java.util.zip.Deflater} always uses a 15-bit window and could not obey it.
 *
 * @param agreed the agreed parameters in the server's order, {@code ;}-separated without spaces,
 *     for the result line: {@code permessage-deflate} alone when none
 * @param clientNoContextTakeover whether the tool must compress each message without its predecessors
 */
record DeflateAgreement(String agreed, boolean clientNoContextTakeover) {
    /** A raw TCP echo agrees nothing: the echo is the tool's own stream, inflated with the context it was deflated with. */
    static final DeflateAgreement RAW = new DeflateAgreement("none(raw)", false);

    /**
     * Parses the server's {@code Sec-WebSocket-Extensions} value.
     *
     * @throws EchoMismatch if it is not permessage-deflate, or carries a parameter the offer did not allow
     */
    static DeflateAgreement parse(String extensions) {
        String[] parts = extensions.split(";");
        if (!parts[0].trim().equalsIgnoreCase("permessage-deflate") || extensions.contains(",")) {
            throw new EchoMismatch("extensions agreed: " + extensions + ", expected permessage-deflate alone");
        }
        StringBuilder agreed = new StringBuilder("permessage-deflate");
        boolean clientNoContextTakeover = false;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
            String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')).trim() : parameter;
            switch (name) {
                case "client_no_context_takeover":
                    clientNoContextTakeover = true;
                    break;
                case "server_no_context_takeover":
                case "server_max_window_bits":
                    break;
                default:
                    throw new EchoMismatch("permessage-deflate answered with " + parameter + ", which was not offered");
            }
            agreed.append(';').append(parameter.replace(" ", ""));
        }
        return new DeflateAgreement(agreed.toString(), clientNoContextTakeover);
    }
}
