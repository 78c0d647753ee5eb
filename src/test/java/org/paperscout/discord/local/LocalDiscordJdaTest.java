package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.JsonNode;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local Discord held to account by the real JDA 6.5.0 client: interactions, messages and commands. */
class LocalDiscordJdaTest extends WithLocalDiscord {

    @Test
    @DisplayName("JDA logs in with one GET users/@me, reaches READY with the guild, its channels and roles cached")
    void readyWithGuildCached() {
        LocalJda bot = connect();
        JDA jda = bot.jda();
        Guild guild = jda.getGuildById(discord.guildId());
        assertThat(guild).isNotNull();
        assertThat(guild.getTextChannelById(discord.channelId())).isNotNull();
        assertThat(guild.getRoleById(discord.moderatorRoleId()).hasPermission(Permission.MANAGE_SERVER)).isTrue();
        assertThat(jda.getSelfUser().getId()).isEqualTo(discord.botUserId());
        assertThat(jda.getSelfUser().getApplicationId()).isEqualTo(discord.applicationId());
        assertThat(discord.requests()).extracting(c -> c.method() + " " + c.path()).containsExactly("GET /users/@me");
        assertThat(discord.identifyCount()).isEqualTo(1);
        // JDA adds GUILDS (1) even when built with no intents.
        assertThat(discord.identifiedIntents()).isEqualTo("1");
    }

    @Test
    @DisplayName("a slash command reaches the listener with its options and member, and the reply is recorded as Discord would store it")
    void slashCommandRoundTrip() throws Exception {
        Events events = new Events();
        connect(events);

        Interaction i = discord.slash(UserKind.ADMIN, "digest", Option.sub("set",
                Option.channel("channel", discord.channelId()), Option.string("time", "09:00")));
        SlashCommandInteractionEvent e = events.next(SlashCommandInteractionEvent.class);
        assertThat(e.getName()).isEqualTo("digest");
        assertThat(e.getSubcommandName()).isEqualTo("set");
        assertThat(e.getOption("time").getAsString()).isEqualTo("09:00");
        assertThat(e.getOption("channel").getAsChannel().getId()).isEqualTo(discord.channelId());
        assertThat(e.getMember().getId()).isEqualTo(discord.adminUserId());
        // JDA computes permissions from the cached guild's roles: the admin has Manage Server through "Moderators".
        assertThat(e.getMember().hasPermission(Permission.MANAGE_SERVER)).isTrue();
        e.reply("Digest set for <#" + discord.channelId() + "> at 09:00 @everyone").setEphemeral(true).queue();

        RecordedCall answer = discord.awaitFirstAnswer(i, WAIT);
        assertThat(answer.status()).isEqualTo(200); // JDA asks with_response=true
        assertThat(answer.json().path("type").asInt()).isEqualTo(4);
        assertThat(answer.json().path("data").path("flags").asInt() & 64).isEqualTo(64);
        JsonNode stored = discord.messagesIn(discord.channelId()).get(0);
        assertThat(stored.path("content").asText()).startsWith("Digest set");
        assertThat(stored.path("interaction_metadata").path("id").asText()).isEqualTo(i.id());
        assertThat(stored.path("flags").asInt() & 64).isEqualTo(64);
        // JDA's default allowed_mentions parse everything: the server says this message would ping @everyone.
        assertThat(stored.path("mention_everyone").asBoolean()).isTrue();
        assertThat(discord.firstAnswerLatency(i)).get().matches(d -> d.compareTo(Duration.ofSeconds(3)) < 0);
        assertSchemaValid();
    }

    @Test
    @DisplayName("the plain member lacks Manage Server; a DM interaction arrives without a guild")
    void memberPermissionsAndDirectMessages() throws Exception {
        Events events = new Events();
        connect(events);

        Interaction guildOne = discord.slash(UserKind.MEMBER, "digest", Option.sub("off"));
        SlashCommandInteractionEvent inGuild = events.next(SlashCommandInteractionEvent.class);
        Member member = inGuild.getMember();
        assertThat(member.getId()).isEqualTo(discord.memberUserId());
        assertThat(member.hasPermission(Permission.MANAGE_SERVER)).isFalse();
        inGuild.reply("You need Manage Server for that.").setEphemeral(true).queue();
        assertThat(discord.awaitFirstAnswer(guildOne, WAIT).status()).isEqualTo(200);

        Interaction dm = discord.slash(UserKind.DM, "help");
        SlashCommandInteractionEvent inDm = events.next(SlashCommandInteractionEvent.class);
        assertThat(inDm.isFromGuild()).isFalse();
        assertThat(inDm.getUser().getId()).isEqualTo(discord.memberUserId());
        inDm.reply("Here is what I can do.").queue();
        assertThat(discord.awaitFirstAnswer(dm, WAIT).status()).isEqualTo(200);
        assertThat(discord.messagesIn(discord.dmChannelId())).extracting(m -> m.path("content").asText())
                .containsExactly("Here is what I can do.");
        assertSchemaValid();
    }

    @Test
    @DisplayName("a reply later than the deadline gets 404 code 10062 Unknown interaction, as from Discord")
    void lateReplyIsRejected() throws Exception {
        discord.close();
        discord = LocalDiscord.builder().answerDeadline(Duration.ofMillis(300)).start();
        Events events = new Events();
        connect(events);

        Interaction i = discord.slash(UserKind.MEMBER, "search", Option.string("query", "slow"));
        SlashCommandInteractionEvent e = events.next(SlashCommandInteractionEvent.class);
        // Let the (shortened) deadline pass: the point of the test is time passing.
        long overdue = i.dispatchedNanos() + Duration.ofMillis(400).toNanos() - System.nanoTime();
        TimeUnit.NANOSECONDS.sleep(Math.max(0, overdue));

        assertThatThrownBy(() -> e.reply("too late").submit().join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(ErrorResponseException.class,
                        ex -> assertThat(ex.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_INTERACTION));
        assertThat(discord.answeredInTime(i)).isFalse();
        assertThat(discord.messagesIn(discord.channelId())).isEmpty();
    }

    @Test
    @DisplayName("deferred reply then edit of the original: loading message replaced, edit carries no allowed_mentions unless set")
    void deferThenEdit() throws Exception {
        Events events = new Events();
        connect(events);

        Interaction i = discord.slash(UserKind.MEMBER, "search", Option.string("query", "x"));
        SlashCommandInteractionEvent e = events.next(SlashCommandInteractionEvent.class);
        e.deferReply().queue();
        assertThat(discord.awaitFirstAnswer(i, WAIT).json().path("type").asInt()).isEqualTo(5);
        assertThat(discord.messagesIn(discord.channelId()).get(0).path("flags").asInt() & 128).isEqualTo(128);

        e.getHook().editOriginal("Results for x @everyone").queue();
        RecordedCall edit = discord.awaitOriginalEdit(i, WAIT);
        assertThat(edit.status()).isEqualTo(200);
        // discord-local.md: setDefaultMentions does not cover edits; this edit would ping @everyone.
        assertThat(edit.json().has("allowed_mentions")).isFalse();
        JsonNode stored = discord.messagesIn(discord.channelId()).get(0);
        assertThat(stored.path("content").asText()).isEqualTo("Results for x @everyone");
        assertThat(stored.path("flags").asInt() & 128).isZero();
        assertThat(stored.path("mention_everyone").asBoolean()).isTrue();

        e.getHook().sendMessage("follow-up").setAllowedMentions(EnumSet.noneOf(net.dv8tion.jda.api.entities.Message.MentionType.class)).queue();
        RecordedCall followUp = discord.awaitRequest(c -> c.is("POST", "/webhooks/\\d+/.+") , WAIT);
        assertThat(followUp.status()).isEqualTo(200);
        assertThat(discord.messagesIn(discord.channelId())).hasSize(2);
        assertSchemaValid();
    }

    @Test
    @DisplayName("autocomplete choices, a button click that edits its message, a select menu and a message command")
    void otherInteractionKinds() throws Exception {
        Events events = new Events();
        connect(events);

        Interaction ac = discord.autocomplete(UserKind.MEMBER, "paper", Option.focused("title", "atten"));
        CommandAutoCompleteInteractionEvent auto = events.next(CommandAutoCompleteInteractionEvent.class);
        assertThat(auto.getFocusedOption().getValue()).isEqualTo("atten");
        auto.replyChoices(new Command.Choice("Attention Is All You Need", "1706.03762")).queue();
        RecordedCall acAnswer = discord.awaitFirstAnswer(ac, WAIT);
        assertThat(acAnswer.json().path("type").asInt()).isEqualTo(8);
        assertThat(acAnswer.json().path("data").path("choices").get(0).path("value").asText()).isEqualTo("1706.03762");

        Interaction search = discord.slash(UserKind.MEMBER, "search", Option.string("query", "q"));
        events.next(SlashCommandInteractionEvent.class).reply("page 1")
                .setComponents(ActionRow.of(Button.primary("ps1:page:k1:2", "Next"))).queue();
        discord.awaitFirstAnswer(search, WAIT);
        String messageId = discord.messagesIn(discord.channelId()).get(0).path("id").asText();

        Interaction click = discord.button(UserKind.MEMBER, "ps1:page:k1:2", messageId);
        ButtonInteractionEvent b = events.next(ButtonInteractionEvent.class);
        assertThat(b.getComponentId()).isEqualTo("ps1:page:k1:2");
        assertThat(b.getMessage().getId()).isEqualTo(messageId);
        assertThat(b.getMessage().getContentRaw()).isEqualTo("page 1");
        b.editMessage("page 2").queue();
        assertThat(discord.awaitFirstAnswer(click, WAIT).json().path("type").asInt()).isEqualTo(7);
        assertThat(discord.message(messageId).orElseThrow().path("content").asText()).isEqualTo("page 2");

        Interaction pick = discord.select(UserKind.MEMBER, "ps1:pick:k1", messageId, List.of("2305.00118"));
        StringSelectInteractionEvent s = events.next(StringSelectInteractionEvent.class);
        assertThat(s.getValues()).containsExactly("2305.00118");
        s.deferEdit().queue();
        assertThat(discord.awaitFirstAnswer(pick, WAIT).json().path("type").asInt()).isEqualTo(6);

        Interaction similar = discord.messageCommand(UserKind.MEMBER, "Find similar papers",
                "see https://arxiv.org/abs/1706.03762");
        MessageContextInteractionEvent mc = events.next(MessageContextInteractionEvent.class);
        assertThat(mc.getName()).isEqualTo("Find similar papers");
        assertThat(mc.getTarget().getContentRaw()).isEqualTo("see https://arxiv.org/abs/1706.03762");
        mc.reply("Similar papers: ...").setEphemeral(true).queue();
        assertThat(discord.awaitFirstAnswer(similar, WAIT).status()).isEqualTo(200);
        assertSchemaValid();
    }

    @Test
    @DisplayName("a modal submission reaches JDA with its text input values")
    void modalSubmit() throws Exception {
        BlockingQueue<net.dv8tion.jda.api.events.interaction.ModalInteractionEvent> modals = new LinkedBlockingQueue<>();
        connect(new ListenerAdapter() {
            @Override
            public void onModalInteraction(net.dv8tion.jda.api.events.interaction.ModalInteractionEvent e) {
                modals.add(e);
            }
        });
        Interaction i = discord.modalSubmit(UserKind.MEMBER, "ps1:note:2305.00118", java.util.Map.of("note", "read later"));
        var e = modals.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(e).isNotNull();
        assertThat(e.getModalId()).isEqualTo("ps1:note:2305.00118");
        assertThat(e.getValue("note").getAsString()).isEqualTo("read later");
        e.reply("saved").setEphemeral(true).queue();
        assertThat(discord.awaitFirstAnswer(i, WAIT).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("50 interactions at once: each dispatched, each answered once, all within the deadline")
    void manyConcurrentInteractions() throws Exception {
        connect(new ListenerAdapter() {
            @Override
            public void onSlashCommandInteraction(SlashCommandInteractionEvent e) {
                e.reply("result for " + e.getOption("query").getAsString()).queue();
            }
        });
        List<Interaction> interactions = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            interactions.add(discord.slash(n % 2 == 0 ? UserKind.MEMBER : UserKind.ADMIN, "search",
                    Option.string("query", "q" + n)));
        }
        for (Interaction i : interactions) {
            assertThat(discord.awaitFirstAnswer(i, WAIT).status()).isEqualTo(200);
        }
        assertThat(interactions).allSatisfy(i -> {
            assertThat(discord.answeredInTime(i)).isTrue();
            assertThat(discord.callbacksFor(i)).hasSize(1);
        });
        assertThat(discord.messagesIn(discord.channelId())).hasSize(50);
        List<Long> millis = interactions.stream()
                .map(i -> discord.firstAnswerLatency(i).orElseThrow().toMillis()).sorted().toList();
        System.out.printf("50 concurrent interactions, first answer: p50 %d ms, max %d ms%n",
                millis.get(24), millis.get(49)); // a figure for the log, not an assertion
        assertSchemaValid();
    }

    @Test
    @DisplayName("channel messages: a scripted 429 is waited out by JDA; history lists what was posted, newest first")
    void channelMessagesRateLimitAndHistory() {
        LocalJda bot = connect();
        TextChannel channel = bot.jda().getTextChannelById(discord.channelId());
        discord.inject(Fault.on("POST", "/channels/\\d+/messages").rateLimited(Duration.ofMillis(300)));

        channel.sendMessage("digest 1").setNonce("digest-2026-11-28").complete();
        channel.sendMessage("digest 2").complete();
        List<RecordedCall> posts = discord.requests(c -> c.is("POST", "/channels/\\d+/messages"));
        assertThat(posts).extracting(RecordedCall::status).containsExactly(429, 200, 200);
        assertThat(posts.get(0).header("x-ratelimit-bucket")).isEmpty(); // request headers, not response
        assertThat(posts.get(1).json().path("nonce").asText()).isEqualTo("digest-2026-11-28");

        List<String> history = channel.getHistory().retrievePast(10).complete().stream()
                .map(m -> m.getContentRaw()).toList();
        assertThat(history).containsExactly("digest 2", "digest 1");
        assertSchemaValid();
    }

    @Test
    @DisplayName("a lost response is retried by JDA, and the nonce JDA always sends with enforce_nonce prevents a duplicate")
    void lostResponseAndNonce() {
        LocalJda bot = connect();
        TextChannel channel = bot.jda().getTextChannelById(discord.channelId());

        discord.inject(Fault.on("POST", "/channels/\\d+/messages").dropResponse());
        channel.sendMessage("without explicit nonce").complete();
        discord.inject(Fault.on("POST", "/channels/\\d+/messages").dropResponse());
        channel.sendMessage("with nonce").setNonce("digest-1").complete();

        assertThat(discord.messagesIn(discord.channelId())).extracting(m -> m.path("content").asText())
                .containsExactly("without explicit nonce", "with nonce");
        List<RecordedCall> posts = discord.requests(c -> c.is("POST", "/channels/\\d+/messages"));
        assertThat(posts).hasSize(4); // each sent twice: the dropped attempt and JDA's retry
        // JDA 6.5 generates a nonce for every message and sets enforce_nonce; the retry reuses it.
        assertThat(posts).allSatisfy(c -> assertThat(c.json().path("enforce_nonce").asBoolean()).isTrue());
        assertThat(posts.get(1).json().path("nonce")).isEqualTo(posts.get(0).json().path("nonce"));
        assertThat(posts.get(3).json().path("nonce").asText()).isEqualTo("digest-1");
        assertSchemaValid();
    }

    @Test
    @DisplayName("READY without guilds: interactions carry a partial guild and JDA builds a detached one")
    void detachedGuild() throws Exception {
        discord.close();
        discord = LocalDiscord.builder().guildInReady(false).start();
        Events events = new Events();
        LocalJda bot = connect(events);
        assertThat(bot.jda().getGuilds()).isEmpty();

        Interaction i = discord.slash(UserKind.ADMIN, "digest", Option.sub("status"));
        SlashCommandInteractionEvent e = events.next(SlashCommandInteractionEvent.class);
        assertThat(e.getGuild().isDetached()).isTrue();
        assertThat(e.getGuild().getId()).isEqualTo(discord.guildId());
        // A detached member answers permission questions only for a channel (from the interaction's permissions);
        // member.hasPermission(Permission) throws DetachedEntityException.
        assertThat(e.getMember().hasPermission(e.getGuildChannel(), Permission.MANAGE_SERVER)).isTrue();
        e.reply("status").queue();
        assertThat(discord.awaitFirstAnswer(i, WAIT).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("command registration: PUT global and guild commands are echoed with ids JDA can read")
    void commandRegistration() {
        LocalJda bot = connect();
        List<Command> global = bot.jda().updateCommands().addCommands(
                Commands.slash("search", "Search papers").addOptions(
                        new OptionData(net.dv8tion.jda.api.interactions.commands.OptionType.STRING, "query", "What to look for", true)),
                Commands.message("Find similar papers")).complete();
        assertThat(global).extracting(Command::getName).containsExactly("search", "Find similar papers");
        assertThat(global).allSatisfy(c -> assertThat(c.getIdLong()).isPositive());
        List<Command> guild = bot.jda().getGuildById(discord.guildId()).updateCommands()
                .addCommands(Commands.slash("digest", "Daily digest")
                        .setDefaultPermissions(net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER)))
                .complete();
        assertThat(guild).singleElement().satisfies(c ->
                assertThat(c.getDefaultPermissions().getPermissionsRaw()).isEqualTo(Permission.MANAGE_SERVER.getRawValue()));
        assertThat(discord.registeredCommands("global")).hasSize(2);
        assertThat(discord.registeredCommands(discord.guildId())).hasSize(1);

        // A later dispatch of the command carries the registered id.
        Interaction i = discord.slash(UserKind.MEMBER, "search", Option.string("query", "q"));
        assertThat(i.payload().path("data").path("id").asText()).isEqualTo(global.get(0).getId());
        assertSchemaValid();
    }
}
