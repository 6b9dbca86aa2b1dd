/**
 * The transport on Netty: a server and a client on Netty's event loops, and the handlers that
 * mount wskit on a Netty pipeline of the application's own.
 */
package dev.wskit.transport.netty;
