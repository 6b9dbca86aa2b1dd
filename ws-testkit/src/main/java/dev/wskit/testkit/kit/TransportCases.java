package dev.wskit.testkit.kit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every case interface extends: the one method a transport's test class implements, and
 * the {@link Kit} each test gets as a parameter. A transport runs the kit with one class:
 * {@code class NettyTransportKitTest implements JdkClientCases, BadPeerCases, … { transport() }}.
 * Every wait is bounded ({@link Events#WAIT}), and so is each test.
 */
@ExtendWith(Kit.Extension.class)
@Timeout(120)
public interface TransportCases {

    /** The transport under test. */
    TransportUnderTest transport();
}
