package org.paperscout.discord;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether anything listens at Discord's addresses, asked before JDA is: with nothing there JDA logs its own ERROR
 * line and fails with an exception that names its internals, where a person needs one line saying what to check.
 */
final class Reachability {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private Reachability() {
    }

    /**
     * @param url        where the bot will connect (REST base URL or gateway URL)
     * @param settingKey the setting that chose it, or null for Discord's own address
     * @throws DiscordStartupException with one line when a plain connection to its host and port fails
     */
    static void check(String url, String settingKey) {
        URI uri = URI.create(url);
        if (uri.getHost() == null || viaProxy(uri)) {
            return; // a proxy's business (JDA's HTTP client goes through it); JDA's own errors still apply
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port(uri)), (int) CONNECT_TIMEOUT.toMillis());
        } catch (IOException e) {
            throw unreachable(url, settingKey, e);
        }
    }

    /** Whether two URLs name the same host and port (one server for REST and gateway: one check is enough). */
    static boolean sameAddress(String a, String b) {
        URI x = URI.create(a);
        URI y = URI.create(b);
        return x.getHost() != null && x.getHost().equalsIgnoreCase(y.getHost()) && port(x) == port(y);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort()
                : "https".equalsIgnoreCase(uri.getScheme()) || "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The one line for a connection that failed, whether here or inside JDA. */
    static DiscordStartupException unreachable(String url, String settingKey, IOException e) {
        return new DiscordStartupException("Can't reach Discord at " + url + ": " + why(e) + ". "
                + (settingKey == null ? "Check the network connection."
                : "Check " + settingKey + " and that the server there is running."));
    }

    /** The network failure in a JDA exception's causes, if that is what it was. */
    static Optional<IOException> networkCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnknownHostException
                    || c instanceof SocketTimeoutException || c instanceof NoRouteToHostException) {
                return Optional.of((IOException) c);
            }
        }
        return Optional.empty();
    }

    private static String why(IOException e) {
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to the host";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? "the connection failed" : message.strip().toLowerCase();
    }

    private static boolean viaProxy(URI uri) {
        ProxySelector selector = ProxySelector.getDefault();
        if (selector == null) {
            return false;
        }
        try {
            URI asHttp = new URI(uri.getScheme().startsWith("ws") ? uri.getScheme().replace("ws", "http")
                    : uri.getScheme(), null, uri.getHost(), uri.getPort(), "/", null, null);
            return selector.select(asHttp).stream().anyMatch(p -> p.type() != Proxy.Type.DIRECT);
        } catch (Exception e) {
            return false;
        }
    }
}
