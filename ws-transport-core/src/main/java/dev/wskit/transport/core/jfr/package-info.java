/**
 * The connections' life as JDK Flight Recorder events (category {@code wskit}, names
 * {@code dev.wskit.*}), recorded by every server and client while a recording enables them; see
 * {@link dev.wskit.transport.core.jfr.JfrConnectionListener}.
 */
package dev.wskit.transport.core.jfr;
