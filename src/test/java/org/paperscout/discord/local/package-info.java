/**
 * A local, Discord-compatible server for end-to-end tests of the bot with the real JDA client (test code only).
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link org.paperscout.discord.local.LocalDiscord}: REST ({@code /api/v10/}) and the gateway WebSocket on one
 *   127.0.0.1 port, a fixed test guild, interaction dispatch helpers, a record of every call, Discord's rules
 *   (3-second first answer, one acknowledgement, body limits, nonces), scripted faults.</li>
 *   <li>{@link org.paperscout.discord.local.LocalJda}: JDA built light and pointed at a LocalDiscord.</li>
 *   <li>{@link org.paperscout.discord.local.OpenApiSchemaValidator}: every recorded body checked against Discord's
 *   OpenAPI description ({@code -Ddiscord.openapi} or {@code $DISCORD_OPENAPI}); skipped when the file is absent.</li>
 *   <li>Values: {@link org.paperscout.discord.local.Interaction} (a dispatched interaction),
 *   {@link org.paperscout.discord.local.RecordedCall} (a REST call and its answer),
 *   {@link org.paperscout.discord.local.Option} (slash options), {@link org.paperscout.discord.local.Fault},
 *   {@link org.paperscout.discord.local.SchemaViolation}, {@link org.paperscout.discord.local.UserKind}.</li>
 * </ul>
 *
 * <h2>A typical test</h2>
 * <pre>{@code
 * try (LocalDiscord discord = LocalDiscord.start()) {
 *     // production builder: restUrl = discord.restBaseUrl(), gatewayUrl = discord.gatewayUrl(), any token
 *     try (var bot = startTheBot(discord.restBaseUrl(), discord.gatewayUrl())) {
 *         discord.awaitReady(Duration.ofSeconds(10));
 *         Interaction i = discord.slash(UserKind.MEMBER, "search", Option.string("query", "diffusion"));
 *         RecordedCall first = discord.awaitFirstAnswer(i, Duration.ofSeconds(5));
 *         assertThat(first.status()).isEqualTo(200);            // 200: JDA asks with_response=true
 *         assertThat(discord.answeredInTime(i)).isTrue();         // false after a 10062
 *         JsonNode reply = discord.messagesIn(discord.channelId()).get(0);
 *         assertThat(reply.path("mention_everyone").asBoolean()).isFalse();
 *         Assumptions.assumingThat(discord.validator().isAvailable(),
 *                 () -> assertThat(discord.schemaViolations()).isEmpty());
 *     }   // close the bot (JDA) before the server
 * }
 * }</pre>
 *
 * <h2>Facts about JDA 6.5.0 this relies on (checked by LocalDiscordJdaTest and LocalDiscordGatewayTest)</h2>
 * <ul>
 *   <li>RestConfig moves REST only; the gateway moves with a session controller's {@code getGateway()}.</li>
 *   <li>Start-up REST is exactly one {@code GET users/@me}; 401 there is an InvalidTokenException from
 *   {@code build()}.</li>
 *   <li>{@code createLight(token, no intents)} still identifies with intents 1 (GUILDS).</li>
 *   <li>Interaction callbacks are sent with {@code ?with_response=true} (the server answers 200 with an
 *   interaction-callback response, not 204).</li>
 *   <li>Every message creation carries a nonce with {@code enforce_nonce: true}, generated when none is set; JDA
 *   retries a POST whose response was lost, and the nonce keeps it from posting twice.</li>
 *   <li>Command registration sends {@code contexts}, {@code integration_types} and
 *   {@code default_member_permissions} as numeric strings, which Discord accepts but its OpenAPI types as integers
 *   (the validator allows exactly that).</li>
 *   <li>Default {@code allowed_mentions} parse users, roles and everyone; an edit of the original carries no
 *   {@code allowed_mentions} unless the edit sets it.</li>
 *   <li>Modal submissions are read only in the labelled form (component type 18 wrapping the text input), not from
 *   legacy action rows.</li>
 *   <li>After op 9 (session not resumable) JDA waits several seconds before identifying again; a missed heartbeat
 *   ACK makes it close and resume.</li>
 *   <li>Detached guilds (READY without guilds) need {@code channel.permissions} in the interaction, and
 *   {@code Member.hasPermission(Permission)} throws there: ask with a channel.</li>
 * </ul>
 */
package org.paperscout.discord.local;
