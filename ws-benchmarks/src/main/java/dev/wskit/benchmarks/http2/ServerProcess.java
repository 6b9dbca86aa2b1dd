package dev.wskit.benchmarks.http2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link Http2EchoServer} in a JVM of its own, started with this JVM's {@code java} and class
 * path (the benchmarks jar, or Surefire's test class path), its output in a temporary file.
 * Only this process is stopped, by its handle.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("^READY .* port=(\\d+) pid=(\\d+) ", Pattern.MULTILINE);
    private static final long START_SECONDS = 30;

    final int port;
    final long pid;
    private final Process process;
    private final Path log;

    private ServerProcess(Process process, Path log, int port, long pid) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.pid = pid;
    }

    static ServerProcess start(List<String> javaOpts, int maxStreamsPerConnection) throws IOException, InterruptedException {
        Path log = Files.createTempFile("http2-echo-server", ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOpts);
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(Http2EchoServer.class.getName());
        command.add("0");
        command.add(Integer.toString(maxStreamsPerConnection));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher ready = READY.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
            if (ready.find()) {
                return new ServerProcess(process, log, Integer.parseInt(ready.group(1)), Long.parseLong(ready.group(2)));
            }
            Thread.sleep(50);
        }
        String output = Files.readString(log, StandardCharsets.ISO_8859_1);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Files.deleteIfExists(log);
        throw new IOException("the HTTP/2 echo server did not start: " + output);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
    }
}
