package org.paperscout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paperscout.config.ConfigException;
import org.paperscout.config.Settings;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LogFormatTest {

    @Test
    void jsonGivesOneObjectALineWithLevelLoggerMessageAndTheInteractionFieldsThenTextComesBack() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LogFormat.apply(Settings.of(Map.of("log.format", "json")));
            try (MDC.MDCCloseable c = MDC.putCloseable("command", "search");
                 MDC.MDCCloseable o = MDC.putCloseable("outcome", "answered")) {
                LoggerFactory.getLogger("org.paperscout.Test").warn("a \"quoted\" line");
            }
            LogFormat.apply(Settings.of(Map.of("log.format", "text")));
            LoggerFactory.getLogger("org.paperscout.Test").warn("plain again");
        } finally {
            System.setErr(err);
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[0]);
        assertThat(json.path("level").asText()).isEqualTo("WARN");
        assertThat(json.path("loggerName").asText()).isEqualTo("org.paperscout.Test");
        assertThat(json.path("message").asText()).isEqualTo("a \"quoted\" line");
        assertThat(json.path("timestamp").asLong()).isPositive();
        assertThat(json.path("mdc").path("command").asText()).isEqualTo("search");
        assertThat(json.path("mdc").path("outcome").asText()).isEqualTo("answered");
        assertThat(lines[lines.length - 1]).endsWith("org.paperscout.Test - plain again");
    }

    @Test
    void anyOtherFormatIsRefusedAtStart() {
        assertThrows(ConfigException.class, () -> LogFormat.apply(Settings.of(Map.of("log.format", "yaml"))));
    }
}
