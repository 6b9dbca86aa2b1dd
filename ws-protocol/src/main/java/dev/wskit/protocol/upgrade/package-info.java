/**
 * How a server decides an upgrade before its {@code 101} (RFC 6455 §4.2.2): the request as the
 * application sees it ({@link dev.wskit.protocol.upgrade.UpgradeRequest}), the decision to accept,
 * reject or decide later ({@link dev.wskit.protocol.upgrade.UpgradeDecision}), and routing by path
 * ({@link dev.wskit.protocol.upgrade.Routes}).
 */
package dev.wskit.protocol.upgrade;
