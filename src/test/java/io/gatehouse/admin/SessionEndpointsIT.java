package io.gatehouse.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The dashboard's sign-in, session cookie, CSRF check and headers, on a Javalin with a stand-in API endpoint. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SessionEndpointsIT {
    private static final String TOKEN = "test-admin-token-0123456789";
    private static final Pattern CSRF = Pattern.compile("\"csrfToken\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newHttpClient();
    private Javalin app;
    private String base;

    @BeforeEach
    void start() {
        Dashboard dashboard = new Dashboard(TOKEN::equals, Clock.systemUTC());
        app = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.startup.showJavalinBanner = false;
            dashboard.install(config);
            ApiErrors.register(config.routes);
            config.routes.before("/api/*", ctx -> {
                if (!dashboard.admitsBySession(ctx) && !("Bearer " + TOKEN).equals(ctx.header("Authorization"))) {
                    throw new ApiException(401, "UNAUTHORIZED", "no");
                }
            });
            config.routes.get("/api/v1/probe", ctx -> ctx.json(Map.of("ok", true)));
            config.routes.post("/api/v1/probe", ctx -> ctx.status(201).json(Map.of("ok", true)));
        }).start();
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void signIn_withAdminToken_setsStrictHttpOnlyCookieAndAnswersCsrfToken() throws Exception {
        HttpResponse<String> answer = signIn(TOKEN);

        assertThat(answer.statusCode()).isEqualTo(201);
        String cookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("gatehouse_session=").contains("; HttpOnly").contains("; SameSite=Strict")
                .contains("; Path=/").doesNotContain("Secure");
        assertThat(csrfOf(answer)).hasSizeGreaterThanOrEqualTo(43);
        assertThat(answer.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void signIn_behindATlsTerminatingProxy_marksTheCookieSecure() throws Exception {
        HttpResponse<String> answer = send(session().header("Content-Type", "application/json")
                .header("X-Forwarded-Proto", "https").POST(BodyPublishers.ofString("{\"token\":\"" + TOKEN + "\"}")));

        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(answer.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
    }

    @Test
    void signIn_withWrongToken_isRefusedWith401AndNoCookie() throws Exception {
        HttpResponse<String> answer = signIn("wrong");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("INVALID_TOKEN").doesNotContain("wrong\"");
        assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void signIn_afterTooManyWrongTokens_isRefusedWith429EvenWithTheRightToken() throws Exception {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(signIn("wrong-" + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> throttled = signIn(TOKEN);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.body()).contains("TOO_MANY_ATTEMPTS");
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void apiPost_withCookieButWithoutCsrfHeader_isRejectedWith403() throws Exception {
        String cookie = cookieOf(signIn(TOKEN));

        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/probe"))
                .header("Cookie", cookie).POST(BodyPublishers.ofString("{}")));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("CSRF_REJECTED");
    }

    @Test
    void apiPost_withCookieAndWrongCsrfHeader_isRejectedWith403() throws Exception {
        String cookie = cookieOf(signIn(TOKEN));

        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/probe"))
                .header("Cookie", cookie).header("X-CSRF-Token", "guess").POST(BodyPublishers.ofString("{}")));

        assertThat(answer.statusCode()).isEqualTo(403);
    }

    @Test
    void apiCalls_withCookieAndCsrfHeader_areAdmitted() throws Exception {
        HttpResponse<String> signedIn = signIn(TOKEN);
        String cookie = cookieOf(signedIn);

        HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/probe"))
                .header("Cookie", cookie).GET());
        HttpResponse<String> write = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/probe"))
                .header("Cookie", cookie).header("X-CSRF-Token", csrfOf(signedIn))
                .POST(BodyPublishers.ofString("{}")));

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(write.statusCode()).isEqualTo(201);
    }

    @Test
    void apiCall_withUnknownCookie_isLeftToTheBearerCheck() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/probe"))
                .header("Cookie", "gatehouse_session=forged").GET());

        assertThat(answer.statusCode()).isEqualTo(401);
    }

    @Test
    void currentSession_answersTheCsrfTokenUntilSignedOut() throws Exception {
        HttpResponse<String> signedIn = signIn(TOKEN);
        String cookie = cookieOf(signedIn);
        String csrf = csrfOf(signedIn);

        assertThat(csrfOf(send(session().header("Cookie", cookie).GET()))).isEqualTo(csrf);
        assertThat(send(session().header("Cookie", cookie).DELETE()).statusCode()).isEqualTo(403);
        HttpResponse<String> signedOut = send(session().header("Cookie", cookie).header("X-CSRF-Token", csrf).DELETE());

        assertThat(signedOut.statusCode()).isEqualTo(204);
        assertThat(signedOut.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(send(session().header("Cookie", cookie).GET()).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/probe")).header("Cookie", cookie).GET())
                .statusCode()).isEqualTo(401);
    }

    @Test
    void dashboardPage_isServedWithStrictSecurityHeaders() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + "/")).GET());
        HttpResponse<String> script = send(HttpRequest.newBuilder(URI.create(base + "/app.js")).GET());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Gatehouse</title>");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'").contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
    }

    private HttpRequest.Builder session() {
        return HttpRequest.newBuilder(URI.create(base + "/ui/session"));
    }

    private HttpResponse<String> signIn(String token) throws IOException, InterruptedException {
        return send(session().header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"token\":\"" + token + "\"}")));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), BodyHandlers.ofString());
    }

    private static String cookieOf(HttpResponse<String> answer) {
        return answer.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    private static String csrfOf(HttpResponse<String> answer) {
        Matcher matcher = CSRF.matcher(answer.body());
        assertThat(matcher.find()).as("csrfToken in %s", answer.body()).isTrue();
        return matcher.group(1);
    }
}
