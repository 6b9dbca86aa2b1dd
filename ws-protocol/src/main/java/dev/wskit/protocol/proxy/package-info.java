/**
 * A client's tunnel through an HTTP proxy: the {@code CONNECT} exchange (RFC 9110 §9.3.6), with
 * Basic authentication (RFC 7617) when the proxy asks for it, I/O-free as the engine is.
 */
package dev.wskit.protocol.proxy;
