package dev.wskit.benchmarks.attack;

import dev.wskit.benchmarks.load.Handshake;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The attacking connections of one attack, opened together, looked at and closed together. */
final class Peers implements AutoCloseable {
    final List<Peer> all = new ArrayList<>();
    private int refused;
    private String refusal;

    /**
     * Opens up to {@code count} upgraded connections, stopping at the first the server refuses
     * or does not answer (a server that stopped answering would otherwise cost a timeout each);
     * those not opened are counted.
     */
    static Peers open(Target target, Handshake handshake, int count) {
        Peers peers = new Peers();
        for (int i = 0; i < count; i++) {
            try {
                peers.all.add(Peer.open(target, handshake));
            } catch (IOException e) {
                peers.refused = count - i;
                peers.refusal = e.getMessage();
                break;
            }
        }
        return peers;
    }

    /** Connects {@code count} sockets, not upgraded (the handshake is the attack). */
    static Peers connect(Target target, int count) throws IOException {
        Peers peers = new Peers();
        for (int i = 0; i < count; i++) {
            peers.all.add(Peer.connect(target));
        }
        return peers;
    }

    void add(Peer peer) {
        all.add(peer);
    }

    /** What the server did to each, with the connections it refused to open. */
    String fates() {
        String fates = Fates.of(all).toString();
        return refused == 0 ? fates : fates + "; " + refused + " not opened (" + refusal + ")";
    }

    @Override
    public void close() {
        all.forEach(Peer::close);
    }

    static void hold(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }
}
