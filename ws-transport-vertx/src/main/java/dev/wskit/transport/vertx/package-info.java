/**
 * The transport on Vert.x: a server and a client on Vert.x's {@code NetServer} and
 * {@code NetClient}, a verticle, and the handler that mounts wskit on an HTTP server of the
 * application's own.
 */
package dev.wskit.transport.vertx;
