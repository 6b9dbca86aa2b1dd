package dev.wskit.examples;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An app run in-process through {@link Main#run}, as {@code java -jar} would run it, on a thread of
 * its own: its output is captured line by line, and a server app stops when {@link #stop()} asks.
 */
public final class RunningApp implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("\\b(wss?|https?)://\\S+?:\\d+/");

    private final LineCapture out = new LineCapture();
    private final LineCapture err = new LineCapture();
    private final StopSignal stop = StopSignal.onRequest();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private RunningApp(List<String> args, InputStream in) {
        Thread thread = new Thread(() -> exit.complete(Main.run(args, in, out.stream(), err.stream(), stop)),
                "app " + String.join(" ", args));
        thread.setDaemon(true);
        thread.start();
    }

    public static RunningApp start(String... args) {
        return new RunningApp(List.of(args), new ByteArrayInputStream(new byte[0]));
    }

    public static RunningApp start(InputStream in, String... args) {
        return new RunningApp(List.of(args), in);
    }

    /** A server app's address, from the line that announces it: {@code scheme://host:port/}. */
    public URI awaitUri(String scheme) throws InterruptedException {
        String line = out.await(l -> URL.matcher(l).find());
        Matcher m = Pattern.compile("\\b" + scheme + "://\\S+?:\\d+/").matcher(line);
        if (!m.find()) {
            throw new AssertionError("no " + scheme + " URL in: " + line);
        }
        return URI.create(m.group());
    }

    public LineCapture out() {
        return out;
    }

    public LineCapture err() {
        return err;
    }

    /** The exit status, once the app has ended by itself (waits up to 20 s). */
    public int awaitExit() throws InterruptedException {
        try {
            return exit.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException notEnded) {
            throw new AssertionError("the app did not end within 20 s; output: " + out.rest(), notEnded);
        }
    }

    /** Asks the app to stop as Ctrl-C would, and returns its exit status. */
    public int stop() throws InterruptedException {
        stop.request();
        return awaitExit();
    }

    /** Stops the app if it still runs; an interrupt is kept for the caller and ends the wait. */
    @Override
    public void close() {
        if (!exit.isDone()) {
            try {
                stop();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
