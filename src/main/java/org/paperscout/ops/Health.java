package org.paperscout.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The readiness checks, each a name and a probe that says what is wrong or nothing. A probe that throws is a
 * failure with the exception's message; none may block for long, since container platforms call them often.
 */
public final class Health {

    /** A probe: null when fine, else a short reason. */
    @FunctionalInterface
    public interface Probe {
        String problem() throws Exception;
    }

    /** One check's result. */
    public record Check(String name, boolean ok, String detail) {
    }

    private final Map<String, Probe> probes = new LinkedHashMap<>();

    public Health add(String name, Probe probe) {
        probes.put(name, probe);
        return this;
    }

    /** Shorthand for a probe that is a yes/no with a fixed reason when no. */
    public Health add(String name, Supplier<Boolean> ok, String whenNot) {
        return add(name, () -> ok.get() ? null : whenNot);
    }

    public List<Check> run() {
        List<Check> out = new ArrayList<>();
        probes.forEach((name, probe) -> {
            try {
                String problem = probe.problem();
                out.add(new Check(name, problem == null, problem == null ? "ok" : problem));
            } catch (Exception e) {
                out.add(new Check(name, false, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        });
        return out;
    }

    /** {"status":"ok|failing","checks":[{"name":..,"ok":..,"detail":..}]}: written by hand, the strings escaped. */
    public static String json(List<Check> checks) {
        boolean ok = checks.stream().allMatch(Check::ok);
        StringBuilder b = new StringBuilder("{\"status\":\"").append(ok ? "ok" : "failing").append("\",\"checks\":[");
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            b.append(i == 0 ? "" : ",").append("{\"name\":").append(quote(c.name())).append(",\"ok\":")
                    .append(c.ok()).append(",\"detail\":").append(quote(c.detail())).append('}');
        }
        return b.append("]}").toString();
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
