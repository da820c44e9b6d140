package io.gatehouse.config;

import io.gatehouse.store.Route;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The routes of one vault, longest path prefix first. A prefix matches whole path segments: {@code /pay} matches
 * {@code /pay} and {@code /pay/x} but not {@code /payments}.
 */
public final class RouteTable {
    private final List<Route> longestFirst;

    RouteTable(List<Route> routes) {
        this.longestFirst = routes.stream()
                .sorted(Comparator.comparingInt((Route r) -> r.pathPrefix().length()).reversed()
                        .thenComparing(Route::createdAt)
                        .thenComparing(Route::id))
                .toList();
    }

    /** The route for a request path (without the query), if any. */
    public Optional<Route> match(String path) {
        for (Route route : longestFirst) {
            if (matches(route.pathPrefix(), path)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    public List<Route> routes() {
        return longestFirst;
    }

    static boolean matches(String prefix, String path) {
        if (!path.startsWith(prefix)) {
            return false;
        }
        return prefix.endsWith("/") || path.length() == prefix.length() || path.charAt(prefix.length()) == '/';
    }
}
