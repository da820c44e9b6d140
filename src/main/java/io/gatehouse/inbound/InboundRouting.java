package io.gatehouse.inbound;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gatehouse.config.ConfigSnapshot;
import io.gatehouse.inbound.LocalResponses.Rejection;
import io.gatehouse.store.Route;
import io.gatehouse.upstream.ProxyFailure;
import io.gatehouse.upstream.UpstreamTarget;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides where one inbound request goes, from one configuration snapshot: the vault from the Host, the route with
 * the longest matching prefix of that vault, and the upstream with the certificate selected for the route now.
 */
final class InboundRouting {
    /** Routes' upstream URLs, parsed once rather than per request; bounded since deleted routes leave theirs. */
    private final Cache<String, UpstreamAddress> addresses = Caffeine.newBuilder().maximumSize(10_000).build();
    private final VaultHost vaultHost;

    InboundRouting(VaultHost vaultHost) {
        this.vaultHost = requireNonNull(vaultHost, "vaultHost");
    }

    Decision decide(ConfigSnapshot snapshot, String host, String path, Instant now) {
        Optional<String> vaultId = vaultHost.vaultId(host);
        if (vaultId.isEmpty() || !snapshot.hasVault(vaultId.get())) {
            return Decision.rejected(Rejection.unknownVault(host));
        }
        Optional<Route> route = snapshot.route(vaultId.get(), path);
        if (route.isEmpty()) {
            return Decision.rejected(Rejection.noRoute(vaultId.get(), path));
        }
        UpstreamAddress address;
        try {
            address = addresses.get(route.get().upstream(), UpstreamAddress::parse);
        } catch (IllegalArgumentException e) {
            // The admin API refuses such URLs; a row written around it still gets an answer, not a dropped request.
            return Decision.rejected(new Rejection(HttpResponseStatus.BAD_GATEWAY,
                    ProxyFailure.Kind.CONNECT_FAILED.errorHeader(), e.getMessage()));
        }
        UpstreamTarget target = new UpstreamTarget(address.host(), address.port(), address.tls(),
                snapshot.identityFor(route.get().id(), now), route.get().upstreamCaPem());
        return new Decision(route.get(), address, target, null);
    }

    /** Either a route with its upstream, or the rejection the client gets. */
    record Decision(Route route, UpstreamAddress address, UpstreamTarget target, Rejection rejection) {

        static Decision rejected(Rejection rejection) {
            return new Decision(null, null, null, rejection);
        }

        boolean isRejected() {
            return rejection != null;
        }
    }
}
