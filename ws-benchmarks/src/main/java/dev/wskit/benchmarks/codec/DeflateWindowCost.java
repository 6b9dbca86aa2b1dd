package dev.wskit.benchmarks.codec;

import dev.wskit.protocol.extension.internal.MessageDeflater;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a permessage-deflate window below 15 bits costs in ratio (RFC 7692 §7.1.2): each file given
 * compressed as one message by wskit's deflater with the full window and with a 9-bit one
 * (literals only), as a markdown table of compressed size over original size.
 *
 * <pre>java -cp ws-benchmarks/target/benchmarks.jar dev.wskit.benchmarks.codec.DeflateWindowCost FILE...</pre>
 */
public final class DeflateWindowCost {
    private DeflateWindowCost() {
    }

    public static void main(String[] files) throws IOException {
        System.out.println("| input | bytes | full window | window below 15 bits (literals only) |");
        System.out.println("| --- | ---: | ---: | ---: |");
        for (String file : files) {
            byte[] message = Files.readAllBytes(Path.of(file));
            System.out.printf(Locale.ROOT, "| %s | %,d | %.2f | %.2f |%n", file, message.length,
                    ratio(message, 15), ratio(message, 9));
        }
    }

    private static double ratio(byte[] message, int windowBits) {
        MessageDeflater deflater = new MessageDeflater(-1, false, windowBits);
        try {
            return deflater.compress(ByteBuffer.wrap(message), true).remaining() / (double) message.length;
        } finally {
            deflater.release();
        }
    }
}
