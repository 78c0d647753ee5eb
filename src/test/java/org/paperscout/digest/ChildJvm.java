package org.paperscout.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running one of this package's kill-test mains: {@link #started} opens when it prints "started" on
 * standard output, and {@link #kill} ends it as a crash would (SIGKILL).
 */
class ChildJvm {
    final Process process;
    final CountDownLatch started = new CountDownLatch(1);

    ChildJvm(Process process, String readerName) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.equals("started")) {
                        started.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the pipe breaks when the child dies
            }
        }, readerName);
        reader.setDaemon(true);
        reader.start();
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
}
