package dev.wskit.conformance.rfcmap;

import dev.wskit.protocol.ProtocolViolation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What keeps {@code docs/rfc-map.md} true: every {@link ProtocolViolation} it names exists, and
 * every one is named; every class and member it names as the enforcer is in the project; every
 * test it names is a test method of that class; every requirement that is enforced names a test;
 * and a requirement left to the application or not enforced says why. Returns the problems found,
 * each naming the map's line.
 */
final class RfcMapCheck {
    /** The enforced-by cell of a requirement wskit leaves to the application, followed by the reason. */
    static final String APPLICATION = "**application**";
    /** The enforced-by cell of a requirement wskit deliberately does not enforce, followed by the reason. */
    static final String NOT_ENFORCED = "**not enforced**";
    private static final String VIOLATION_PREFIX = "ProtocolViolation.";

    private final SourceTree sources;

    RfcMapCheck(SourceTree sources) {
        this.sources = sources;
    }

    List<String> problems(String markdown) {
        RfcMap.Parsed map = RfcMap.parse(markdown);
        List<String> problems = new ArrayList<>(map.problems());
        Set<String> ids = new HashSet<>();
        EnumSet<ProtocolViolation> named = EnumSet.noneOf(ProtocolViolation.class);
        for (RfcMap.Requirement r : map.requirements()) {
            String at = "line " + r.line() + " (" + r.id() + "): ";
            if (!ids.add(r.id())) {
                problems.add(at + "the id is used twice");
            }
            if (r.section().isEmpty() || r.text().isEmpty()) {
                problems.add(at + "a requirement names its section and says what it requires");
            }
            boolean leftAside = r.enforcedBy().startsWith(APPLICATION) || r.enforcedBy().startsWith(NOT_ENFORCED);
            if (leftAside) {
                String reason = r.enforcedBy().replace(APPLICATION, "").replace(NOT_ENFORCED, "").replaceAll("[\\s:—-]", "");
                if (reason.isEmpty()) {
                    problems.add(at + "a requirement not enforced here says why");
                }
            } else if (r.enforcers().isEmpty()) {
                problems.add(at + "names no enforcer; mark it " + APPLICATION + " or " + NOT_ENFORCED + " with a reason");
            } else if (r.tests().isEmpty()) {
                problems.add(at + "an enforced requirement names a test that proves it");
            }
            for (String enforcer : r.enforcers()) {
                checkEnforcer(at, enforcer, named, problems);
            }
            for (String test : r.tests()) {
                checkTest(at, test, problems);
            }
        }
        for (ProtocolViolation v : EnumSet.complementOf(named)) {
            problems.add("ProtocolViolation." + v.name() + " is in no requirement's enforced-by cell");
        }
        return problems;
    }

    private void checkEnforcer(String at, String enforcer, EnumSet<ProtocolViolation> named, List<String> problems) {
        if (enforcer.startsWith(VIOLATION_PREFIX)) {
            String constant = enforcer.substring(VIOLATION_PREFIX.length());
            try {
                named.add(ProtocolViolation.valueOf(constant));
            } catch (IllegalArgumentException unknown) {
                problems.add(at + "no ProtocolViolation." + constant);
            }
            return;
        }
        int hash = enforcer.indexOf('#');
        String className = hash < 0 ? enforcer : enforcer.substring(0, hash);
        if (!sources.hasClass(className)) {
            problems.add(at + "no class " + className + " in the project");
        } else if (hash >= 0 && !sources.hasMember(className, enforcer.substring(hash + 1))) {
            problems.add(at + "no member " + enforcer);
        }
    }

    private void checkTest(String at, String test, List<String> problems) {
        int hash = test.indexOf('#');
        if (hash < 0) {
            problems.add(at + "a test is named Class#method, not " + test);
        } else if (!sources.hasClass(test.substring(0, hash))) {
            problems.add(at + "no test class " + test.substring(0, hash) + " in the project");
        } else if (!sources.hasTest(test.substring(0, hash), test.substring(hash + 1))) {
            problems.add(at + "no test method " + test);
        }
    }
}
