package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.discord.local.LocalDiscord;
import org.paperscout.discord.local.Option;
import org.paperscout.discord.local.RecordedCall;
import org.paperscout.discord.local.UserKind;
import org.slf4j.LoggerFactory;

/** RELIABILITY.md: the token never appears in logs at any level, in errors, or in anything the bot sends. */
class TokenSecrecyTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final List<String> LOGGERS = List.of("net.dv8tion", "org.paperscout", "okhttp3");

    @TempDir
    Path dataDir;

    private final String token = "MTEy.Secret" + UUID.randomUUID().toString().replace("-", "") + ".tok";
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<String, Level> previousLevels = new HashMap<>();

    @BeforeEach
    void logEverything() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        appender.setContext(ctx);
        appender.start();
        for (String name : LOGGERS) {
            Logger logger = ctx.getLogger(name);
            previousLevels.put(name, logger.getLevel());
            logger.setLevel(Level.TRACE);
            logger.addAppender(appender);
        }
    }

    @AfterEach
    void restoreLogging() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : LOGGERS) {
            Logger logger = ctx.getLogger(name);
            logger.detachAppender(appender);
            logger.setLevel(previousLevels.get(name));
        }
        appender.stop();
    }

    @Test
    void tokenIsNeverLoggedNorSentInAnyBody() {
        try (LocalDiscord discord = LocalDiscord.builder().acceptedToken(token).start()) {
            BotHarness h = new BotHarness(discord, dataDir, Map.of(), token);
            h.fakes.slowMillis = 2000;
            h.start();
            try {
                discord.awaitFirstAnswer(discord.slash(UserKind.MEMBER, "search", Option.string("query", "x")), WAIT);
                discord.awaitOriginalEdit(discord.slash(UserKind.MEMBER, "slowsearch", Option.string("query", "y")),
                        WAIT);
                discord.awaitFirstAnswer(discord.autocomplete(UserKind.MEMBER, "paper",
                        Option.focused("paper", "d")), WAIT);
                discord.awaitFirstAnswer(discord.slash(UserKind.MEMBER, "paper", Option.string("paper", "none")),
                        WAIT);
                int resumes = discord.resumeCount();
                discord.closeGateway(4000, "unknown error");
                discord.awaitResumes(resumes + 1, WAIT);
                int readies = discord.readyCount();
                discord.invalidateSession(false);
                discord.awaitReadies(readies + 1, WAIT);
                discord.awaitFirstAnswer(discord.slash(UserKind.MEMBER, "help"), WAIT);
            } finally {
                h.bot.close();
            }
            assertThat(discord.identifyCount()).as("the token went over the gateway").isGreaterThanOrEqualTo(2);
            for (RecordedCall call : discord.requests()) {
                String body = new String(call.rawBody(), StandardCharsets.UTF_8);
                assertThat(body).as("body of " + call.method() + " " + call.path()).doesNotContain(token);
                assertThat(call.path()).doesNotContain(token);
            }
        }
        // A rejected token: the error path must not echo it either.
        try (LocalDiscord strict = LocalDiscord.builder().acceptedToken("another-token").start()) {
            BotHarness rejected = new BotHarness(strict, dataDir, Map.of(), token);
            assertThatThrownBy(rejected::start).isInstanceOf(DiscordStartupException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token));
        }

        assertThat(appender.list).as("TRACE logging was captured").hasSizeGreaterThan(50)
                .anyMatch(e -> e.getLevel() == Level.TRACE);
        for (ILoggingEvent event : appender.list) {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(line).as("log line from " + event.getLoggerName()).doesNotContain(token);
        }
    }
}
