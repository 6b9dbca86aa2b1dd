/**
 * The transport on {@code java.net} sockets: a thread per connection (by default a virtual thread
 * on JDK 21 and later), no dependency beyond the JDK.
 */
package dev.wskit.transport.blocking;
