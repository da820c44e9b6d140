package io.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.epoll.Epoll;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NettyTransportListenIT {
    private final NettyTransport transport = NettyTransport.create(2);
    private final Queue<Channel> accepted = new ConcurrentLinkedQueue<>();

    @AfterEach
    void stop() {
        accepted.forEach(Channel::close);
        transport.close();
    }

    @Test
    void listen_onPortZeroWithEpoll_bindsOneSocketPerEventLoopOnOneFreePort() {
        assumeTrue(Epoll.isAvailable(), "SO_REUSEPORT listeners are an epoll matter");

        List<Channel> listening = transport.listen(new InetSocketAddress("127.0.0.1", 0), recorder());

        assertThat(listening).hasSize(2);
        assertThat(listening).extracting(channel -> ((InetSocketAddress) channel.localAddress()).getPort())
                .doesNotContain(0).containsOnly(port(listening));
        assertThat(listening).extracting(Channel::eventLoop).doesNotHaveDuplicates();
        listening.forEach(channel -> channel.close().syncUninterruptibly());
    }

    @Test
    void listen_acceptedConnectionsWithEpoll_stayOnTheEventLoopThatAcceptedThem() throws Exception {
        assumeTrue(Epoll.isAvailable(), "with NIO one acceptor hands connections to the loops");
        List<Channel> listening = transport.listen(new InetSocketAddress("127.0.0.1", 0), recorder());
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                clients.add(new Socket("127.0.0.1", port(listening)));
            }

            await().atMost(10, TimeUnit.SECONDS).until(() -> accepted.size() == 20);
            assertThat(accepted)
                    .allSatisfy(child -> assertThat(child.eventLoop()).isSameAs(child.parent().eventLoop()));
        } finally {
            for (Socket client : clients) {
                client.close();
            }
            listening.forEach(channel -> channel.close().syncUninterruptibly());
        }
    }

    private ChannelInitializer<Channel> recorder() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                accepted.add(channel);
            }
        };
    }

    private static int port(List<Channel> listening) {
        return ((InetSocketAddress) listening.get(0).localAddress()).getPort();
    }
}
