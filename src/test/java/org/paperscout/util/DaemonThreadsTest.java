package org.paperscout.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    @Test
    void poolThreadsAreNumberedDaemons() {
        DaemonThreads f = DaemonThreads.numbered("digest-sender");
        Thread a = f.newThread(() -> { });
        Thread b = f.newThread(() -> { });
        assertThat(a.getName()).isEqualTo("digest-sender-1");
        assertThat(b.getName()).isEqualTo("digest-sender-2");
        assertThat(a.isDaemon()).isTrue();
        assertThat(b.isDaemon()).isTrue();
    }

    @Test
    void aSingleWorkerKeepsItsName() {
        Thread t = DaemonThreads.named("recent-window").newThread(() -> { });
        assertThat(t.getName()).isEqualTo("recent-window");
        assertThat(t.isDaemon()).isTrue();
    }
}
