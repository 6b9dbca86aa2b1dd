package dev.wskit.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.engine.PreparedMessage;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicSinkTest {

    @Test
    void aWebSocketSinkSendsEachMessageAndEachGapAsTheTextMadeOfIt() {
        List<String> sent = new ArrayList<>();
        // Only the sends matter here; any other call on the socket is a failure of this test.
        WebSocket socket = (WebSocket) Proxy.newProxyInstance(WebSocket.class.getClassLoader(), new Class<?>[] {WebSocket.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("sendText")) {
                        sent.add(arguments[0].toString());
                        return true;
                    }
                    throw new AssertionError("unexpected call: " + method);
                });
        TopicSink sink = TopicSink.sendingTo(socket, message -> message.sender() + ": " + message.payload(),
                lastId -> "missed after " + lastId);

        sink.deliver(new TopicMessage("room", "1-0", "ann", "hello"));
        sink.missed("room", "1-0");

        assertThat(sent).containsExactly("ann: hello", "missed after 1-0");
    }

    @Test
    void aSharedRenderingRendersEachMessageOnceForEveryMemberOfTheNode() {
        List<String> rendered = new ArrayList<>();
        SharedRendering rendering = new SharedRendering(message -> {
            rendered.add(message.id());
            return message.payload();
        });
        // A node hands each member its own TopicMessage of the same entry.
        PreparedMessage first = rendering.of(new TopicMessage("room", "1-0", "ann", "hello"));
        PreparedMessage again = rendering.of(new TopicMessage("room", "1-0", "ann", "hello"));
        PreparedMessage next = rendering.of(new TopicMessage("room", "2-0", "bob", "hi"));
        // Without an id (Redis down) nothing tells two messages apart: each is rendered.
        rendering.of(new TopicMessage("room", null, "ann", "offline"));
        rendering.of(new TopicMessage("room", null, "ann", "offline"));

        assertThat(again).isSameAs(first);
        assertThat(next).isNotSameAs(first);
        assertThat(first.isText()).isTrue();
        assertThat(first.size()).isEqualTo(5);
        assertThat(rendered).containsExactly("1-0", "2-0", null, null);
    }
}
