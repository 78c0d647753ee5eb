package org.paperscout.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link StoreChild} in a JVM of its own, with the test class path. */
final class ChildProcess {

    private ChildProcess() {
    }

    static Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The child is short-lived; the C1 compiler and a small heap start it fastest.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xmx64m");
        command.add("-Dlogback.configurationFile=none");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(StoreChild.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    static BufferedReader stdout(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }
}
