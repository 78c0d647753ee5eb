package org.paperscout.ops;

import java.time.Duration;
import org.paperscout.config.Settings;

/**
 * The operator's port. {@code metrics.port} 0 (the default) serves nothing; {@code metrics.host} is loopback
 * unless an operator opens it; a source counts against readiness once it has failed for longer than
 * {@code metrics.source-unhealthy-after}.
 */
public record MetricsConfig(int port, String host, Duration sourceUnhealthyAfter) {

    public static MetricsConfig from(Settings s) {
        return new MetricsConfig(s.integer("metrics.port", 0, 0, 65_535), s.string("metrics.host", "127.0.0.1"),
                s.duration("metrics.source-unhealthy-after", Duration.ofHours(24)));
    }

    public boolean enabled() {
        return port > 0;
    }
}
