package dev.wskit.conformance.rfcmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/rfc-map.md} stays true: a reference that no longer exists, a test renamed, or a new
 * {@code ProtocolViolation} left out of the map fails the build (see {@link RfcMapCheck}). The
 * tests it names live in several modules, so their sources are read from the project's root.
 */
class RfcMapTest {

    @Test
    void theMapNamesOnlyRulesClassesAndTestsThatExistAndEveryViolation() throws Exception {
        Path root = SourceTree.projectRoot();
        String map = Files.readString(root.resolve(SourceTree.MAP), StandardCharsets.UTF_8);
        assertThat(RfcMap.parse(map).requirements()).as("the map's requirements").hasSizeGreaterThan(50);
        assertThat(new RfcMapCheck(SourceTree.of(root)).problems(map)).isEmpty();
    }
}
