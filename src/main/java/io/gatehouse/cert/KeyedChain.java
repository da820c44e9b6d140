package io.gatehouse.cert;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A chain (leaf first) and a private key read from an upload, before they are checked against each other. */
record KeyedChain(List<X509Certificate> chain, PrivateKey privateKey) {

    @Override
    public String toString() {
        return "KeyedChain[" + chain.size() + " certificates, key=****]";
    }
}
