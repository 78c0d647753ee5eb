package org.paperscout.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container's HEALTHCHECK: GETs a readiness URL and exits 0 on 200, 1 otherwise, so the image needs no curl.
 * {@code java -cp paperscout.jar org.paperscout.ops.ReadyProbe http://127.0.0.1:9400/readyz}
 */
final class ReadyProbe {

    private ReadyProbe() {
    }

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:9400/readyz";
        System.exit(ready(url) ? 0 : 1);
    }

    static boolean ready(String url) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                System.err.println(r.body());
            }
            return r.statusCode() == 200;
        } catch (Exception e) {
            System.err.println("not ready: " + e);
            return false;
        }
    }
}
