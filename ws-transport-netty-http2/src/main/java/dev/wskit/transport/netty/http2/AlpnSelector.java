package dev.wskit.transport.netty.http2;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;

/**
 * Over TLS, the protocol ALPN agreed (RFC 7301) picks the pipeline: {@code h2} serves WebSockets
 * on HTTP/2 streams (RFC 8441), anything else, or no ALPN at all, HTTP/1.1 as before.
 */
final class AlpnSelector extends ApplicationProtocolNegotiationHandler {
    private final ServingPipelines pipelines;

    AlpnSelector(ServingPipelines pipelines) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.pipelines = pipelines;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            pipelines.http2(ctx.pipeline(), ctx.name());
        } else {
            pipelines.http1(ctx.pipeline(), ctx.name());
        }
    }
}
