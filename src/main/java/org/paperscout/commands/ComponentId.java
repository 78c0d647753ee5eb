package org.paperscout.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The id behind a button: a versioned verb plus a few short arguments, e.g. {@code ps1:page:k7f3:2}. State that
 * does not fit in 100 characters lives in a cache and the id carries its key. Encoded and parsed only here.
 *
 * @param verb which handler gets the click (see {@link Command#componentVerbs()})
 * @param args positional arguments; none may contain {@code :}
 */
public record ComponentId(String verb, List<String> args) {

    public static final String VERSION = "ps1";
    /** Discord's limit on a component's custom id. */
    public static final int MAX_LENGTH = 100;
    private static final Pattern VERB = Pattern.compile("[a-z][a-z0-9-]{0,19}");

    public ComponentId {
        if (!VERB.matcher(verb).matches()) {
            throw new IllegalArgumentException("bad verb: " + verb);
        }
        args = List.copyOf(args);
        for (String a : args) {
            if (a.indexOf(':') >= 0) {
                throw new IllegalArgumentException("component argument contains ':': " + a);
            }
        }
    }

    public static ComponentId of(String verb, Object... args) {
        List<String> list = new ArrayList<>();
        for (Object a : args) {
            list.add(String.valueOf(a));
        }
        return new ComponentId(verb, list);
    }

    public String arg(int i) {
        return i < args.size() ? args.get(i) : "";
    }

    public String encode() {
        StringBuilder sb = new StringBuilder(VERSION).append(':').append(verb);
        args.forEach(a -> sb.append(':').append(a));
        if (sb.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("component id longer than " + MAX_LENGTH + ": " + sb);
        }
        return sb.toString();
    }

    /** Parses an id this version wrote; anything else (older versions, garbage) is empty. */
    public static Optional<ComponentId> parse(String encoded) {
        if (encoded == null || encoded.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] parts = encoded.split(":", -1);
        if (parts.length < 2 || !parts[0].equals(VERSION) || !VERB.matcher(parts[1]).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ComponentId(parts[1], List.of(parts).subList(2, parts.length)));
    }
}
