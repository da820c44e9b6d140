package io.gatehouse.store;

/** Which proxy presents a certificate: the outbound proxy for an access credential, the inbound for a route. */
public enum ProxyType {
    OUTBOUND,
    INBOUND
}
