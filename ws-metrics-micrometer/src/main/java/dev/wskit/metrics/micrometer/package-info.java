/**
 * The connections' life as Micrometer meters, through one
 * {@link dev.wskit.metrics.micrometer.MicrometerConnectionListener} set on any server or client
 * builder; the meters' names are in {@link dev.wskit.metrics.micrometer.WskitMeters}.
 */
package dev.wskit.metrics.micrometer;
