package dev.wskit.benchmarks.attack;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Every other attack at once, each on its own thread, against one server: a server under attack
 * for real meets them together, and a defence that holds for each alone (a budget, a limit) must
 * hold for their sum.
 */
final class AllTogether extends Attack {
    private final List<Attack> attacks;

    AllTogether(List<Attack> attacks) {
        super("all-together", "every attack above at once, each on its own thread");
        this.attacks = List.copyOf(attacks);
    }

    @Override
    String run(Target target, Scale scale) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(attacks.size());
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (Attack attack : attacks) {
                outcomes.add(threads.submit(() -> attack.run(target, scale)));
            }
            StringJoiner all = new StringJoiner("; ");
            for (int i = 0; i < attacks.size(); i++) {
                all.add(attacks.get(i).name() + ": " + outcomeOf(outcomes.get(i)));
            }
            return all.toString();
        } finally {
            threads.shutdownNow();
        }
    }

    private static String outcomeOf(Future<String> outcome) throws InterruptedException {
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            return "attack failed: " + e.getCause();
        }
    }
}
