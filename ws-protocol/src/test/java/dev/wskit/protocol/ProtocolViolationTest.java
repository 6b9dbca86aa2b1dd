package dev.wskit.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each violation is answered one way only: an opening-handshake rule by an HTTP error status
 * (server side) or a failed connect (client side, status 0), never a close frame; every other rule
 * by a close code, never an HTTP status. Holds whatever the order the constants are declared in.
 */
class ProtocolViolationTest {
    @ParameterizedTest
    @EnumSource(ProtocolViolation.class)
    void eachViolationIsAnsweredByAnHttpStatusOrByACloseCodeNeverBoth(ProtocolViolation violation) {
        if (violation.isHandshake()) {
            assertThat(violation.httpStatus()).as("HTTP status of the handshake violation %s", violation)
                    .satisfiesAnyOf(status -> assertThat(status).isZero(),
                            status -> assertThat(status).isBetween(400, 599));
        } else {
            assertThat(violation.httpStatus()).as("HTTP status of %s", violation).isZero();
            // RFC 6455 §7.4.1: a code a close frame may carry, or 1006 for a connection dropped without one.
            assertThat(violation.closeCode()).as("close code of %s", violation)
                    .matches(code -> CloseCode.isValidOnWire(code) || code == CloseCode.ABNORMAL_CLOSURE);
        }
    }
}
