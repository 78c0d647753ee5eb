package org.paperscout.discord;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * Sockets for the bot's REST calls that send each write at once ({@code TCP_NODELAY}). With Nagle's algorithm on,
 * a request whose body goes out after its headers waited for the server's delayed acknowledgement of the headers
 * (40 ms on Linux, a round trip over a network) before the body left: every edit of a deferred answer arrived that
 * much later (README, Benchmarks, the interaction paragraphs on Nagle's algorithm).
 */
final class NoDelaySockets extends SocketFactory {

    private static final SocketFactory PLAIN = SocketFactory.getDefault();

    /** JDA's own client settings (25 requests per host, 5 idle connections kept 10 s), on these sockets. */
    static OkHttpClient.Builder httpClient() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequestsPerHost(25);
        return new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(5, 10, TimeUnit.SECONDS))
                .dispatcher(dispatcher)
                .socketFactory(new NoDelaySockets());
    }

    private static Socket noDelay(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(PLAIN.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(PLAIN.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(PLAIN.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(PLAIN.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return noDelay(PLAIN.createSocket(address, port, localAddress, localPort));
    }
}
