package dev.wskit.testkit.kit;

/**
 * The whole transport test kit: a transport's test class implements this one interface and its
 * {@link #transport()}, and runs every case. A new case group joins here, so every transport (and
 * a fourth one) runs it without a change of its own.
 */
public interface TransportKit extends JdkClientCases, NettyClientCases, PayloadSizeCases, ClientCases, BadPeerCases,
        SlowReaderCases, TlsCases, GracefulStopCases, KeepaliveCases, ManyConnectionsCases, LifecycleContractCases,
        FlowControlCases, UpgradeDecisionCases, ProxyCases, MutualTlsCases, PlainHttpCases, ClientHandshakeCases,
        ReconnectCases, MemoryBudgetCases, ConnectionLimitCases, ListenerCases, ClientListenerCases, WireTraceCases,
        JfrCases, BroadcastCases, KeptMessageCases {
}
