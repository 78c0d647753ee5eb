package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The bot's REST client sends each write at once, with JDA's own pool and per-host limits. */
class NoDelaySocketsTest {

    @Test
    void everySocketTheClientOpensHasNagleOff() throws Exception {
        OkHttpClient client = NoDelaySockets.httpClient().build();
        try (Socket unconnected = client.socketFactory().createSocket()) {
            assertThat(unconnected.getTcpNoDelay()).isTrue();
        }
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket connected = client.socketFactory().createSocket(InetAddress.getLoopbackAddress(),
                     server.getLocalPort())) {
            assertThat(connected.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void theClientKeepsJdasConnectionLimits() {
        OkHttpClient client = NoDelaySockets.httpClient().build();
        assertThat(client.dispatcher().getMaxRequestsPerHost()).isEqualTo(25);
        assertThat(client.connectionPool()).isNotNull();
    }
}
