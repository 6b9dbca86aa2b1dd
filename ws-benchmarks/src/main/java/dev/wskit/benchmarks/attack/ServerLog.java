package dev.wskit.benchmarks.attack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server process's output, when the caller has it in a file: what it printed since a mark,
 * searched for {@code OutOfMemoryError}. A server that catches the error and says nothing is not
 * seen here; run-attacks.sh also starts servers with {@code -XX:OnOutOfMemoryError}, which the
 * JVM reports in this same output on the first heap allocation that fails, caught or not.
 */
final class ServerLog {
    private final Path file;
    private long mark;

    ServerLog(Path file) {
        this.file = file;
    }

    void mark() throws IOException {
        mark = Files.exists(file) ? Files.size(file) : 0;
    }

    /** Lines naming {@code OutOfMemoryError} written since the mark. */
    long outOfMemoryLinesSinceMark() throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(0, length - mark))];
            in.seek(Math.min(mark, length));
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.ISO_8859_1).lines().filter(line -> line.contains("OutOfMemoryError")).count();
        }
    }
}
