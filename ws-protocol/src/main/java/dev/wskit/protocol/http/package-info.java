/**
 * The small part of HTTP/1.1 the opening handshake needs (RFC 9110, RFC 9112): request and
 * response heads, header fields checked as they are built, and the handler a server gives plain
 * HTTP requests that are not upgrades.
 */
package dev.wskit.protocol.http;
