package io.gatehouse.inbound;

import io.gatehouse.config.LiveConfig;
import io.gatehouse.secret.KeySealer;
import io.gatehouse.secret.MasterKey;
import io.gatehouse.upstream.NettyTransport;
import io.gatehouse.upstream.UpstreamClient;
import io.gatehouse.upstream.UpstreamSettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/** A started inbound proxy on loopback ports with its own transport and upstream client, for one test class. */
final class InboundServerFixture implements AutoCloseable {
    private final NettyTransport transport;
    private final UpstreamClient upstreamClient;
    private final InboundProxyServer server;

    private InboundServerFixture(NettyTransport transport, UpstreamClient upstreamClient, InboundProxyServer server) {
        this.transport = transport;
        this.upstreamClient = upstreamClient;
        this.server = server;
    }

    static InboundServerFixture start(LiveConfig liveConfig, KeySealer sealer, UpstreamSettings upstreamSettings,
                                      InboundSettings settings) {
        NettyTransport transport = NettyTransport.create(2);
        UpstreamClient upstreamClient = new UpstreamClient(transport, sealer, upstreamSettings);
        // As the node wires them: every configuration change tells the pool which certificates still exist.
        liveConfig.onChange(snapshot -> upstreamClient.retainCertificates(snapshot.certificateIds()));
        InboundProxyServer server = new InboundProxyServer(transport, liveConfig, upstreamClient, settings);
        server.start();
        return new InboundServerFixture(transport, upstreamClient, server);
    }

    static InboundServerFixture start(LiveConfig liveConfig, Path dataDir) {
        return start(liveConfig, newSealer(), UpstreamSettings.defaults(), InboundSettings.loopbackEphemeral(dataDir));
    }

    /** A proxy serving the stored configuration, with upstream settings of the test's choosing. */
    static InboundServerFixture start(StoredConfig config, UpstreamSettings upstreamSettings, Path dataDir) {
        return start(config.liveConfig(), config.sealer(), upstreamSettings,
                InboundSettings.loopbackEphemeral(dataDir));
    }

    static KeySealer newSealer() {
        return new KeySealer(MasterKey.generate(new StringBuilder()));
    }

    InboundProxyServer server() {
        return server;
    }

    UpstreamClient upstreamClient() {
        return upstreamClient;
    }

    InetSocketAddress http() {
        return server.httpAddress();
    }

    int httpPort() {
        return server.httpAddress().getPort();
    }

    int httpsPort() {
        return server.httpsAddress().getPort();
    }

    @Override
    public void close() {
        server.close();
        upstreamClient.close();
        transport.close();
    }
}
