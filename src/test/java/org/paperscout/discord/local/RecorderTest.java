package org.paperscout.discord.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecorderTest {

    @Test
    void aCallBelongsToTheInteractionOfItsCallbackIdOrWebhookToken() {
        assertThat(Recorder.interactionKey("/interactions/123/tok-en/callback")).contains("123");
        assertThat(Recorder.interactionKey("/webhooks/99/tok-en/messages/@original")).contains("tok-en");
        assertThat(Recorder.interactionKey("/webhooks/99/tok-en")).contains("tok-en");
        assertThat(Recorder.interactionKey("/webhooks/99")).isEmpty();
        assertThat(Recorder.interactionKey("/channels/5/messages")).isEmpty();
        assertThat(Recorder.interactionKey("/interactions//x/callback")).isEmpty();
    }
}
