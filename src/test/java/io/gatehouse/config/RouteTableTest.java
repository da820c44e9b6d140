package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.store.Route;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTableTest {
    private final RouteTable table = new RouteTable(List.of(
            route("root", "/"),
            route("pay", "/pay"),
            route("payRefunds", "/pay/refunds"),
            route("hooks", "/hooks/")));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/, root",
        "/pay, pay",
        "/pay/, pay",
        "/pay/x, pay",
        "/payments, root",
        "/pay/refunds, payRefunds",
        "/pay/refunds/7, payRefunds",
        "/pay/refundsX, pay",
        "/hooks/a, hooks",
        "/hooks, root",
        "/other, root"
    })
    void match_choosesTheLongestPrefixOnSegmentBoundaries(String path, String expectedRoute) {
        assertThat(table.match(path)).map(Route::id).contains(expectedRoute);
    }

    @ParameterizedTest(name = "{0} -> none")
    @CsvSource({"/payments", "/pa", "/"})
    void match_withoutCatchAll_findsNothingOutsideThePrefixes(String path) {
        RouteTable noRoot = new RouteTable(List.of(route("pay", "/pay")));

        assertThat(noRoot.match(path)).isEmpty();
    }

    private static Route route(String id, String prefix) {
        return new Route(id, "tntaaaaaaaa", prefix, "https://upstream.example", null, null, Instant.EPOCH);
    }
}
