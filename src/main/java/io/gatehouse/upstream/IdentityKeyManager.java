package io.gatehouse.upstream;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key manager bound to exactly one client certificate, or to none. It offers its one alias whatever key types
 * and issuers the upstream asks for: the stock key managers choose by key type, and Netty's BoringSSL path never
 * offers an Ed25519 key that way, so the upstream would silently get no certificate. Presenting the bound
 * certificate always and letting the upstream judge it makes a mismatch visible as a handshake failure instead.
 *
 * <p>Bound to none, it says at DEBUG that an upstream asked for a certificate and none was sent: the silent
 * fallback that otherwise only shows as a rejection on the upstream side.
 */
final class IdentityKeyManager extends X509ExtendedKeyManager {
    private static final Logger log = LoggerFactory.getLogger(IdentityKeyManager.class);
    private static final String ALIAS = "gatehouse-identity";

    private final PrivateKey key;
    private final X509Certificate[] chain;

    private IdentityKeyManager(PrivateKey key, X509Certificate[] chain) {
        this.key = key;
        this.chain = chain;
    }

    /** Presents {@code chain} (leaf first, exactly as uploaded) signed with {@code key}. */
    static IdentityKeyManager bound(PrivateKey key, X509Certificate[] chain) {
        return new IdentityKeyManager(key, chain.clone());
    }

    /** Presents no certificate. */
    static IdentityKeyManager none() {
        return new IdentityKeyManager(null, new X509Certificate[0]);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        if (key == null) {
            log.debug("Upstream {}:{} asked for a client certificate; none is attached, so none is sent",
                    engine == null ? "?" : engine.getPeerHost(), engine == null ? -1 : engine.getPeerPort());
            return null;
        }
        return ALIAS;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return chooseEngineClientAlias(keyTypes, issuers, null);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return key == null ? null : new String[] {ALIAS};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return key != null && ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return key != null && ALIAS.equals(alias) ? key : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }

    @Override
    public String toString() {
        return key == null ? "IdentityKeyManager[none]" : "IdentityKeyManager[" + chain[0].getSubjectX500Principal()
                + "]";
    }
}
