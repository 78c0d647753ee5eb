package org.paperscout.discord.local;

import java.util.List;

/**
 * A recorded request whose body does not match the schema of its route in Discord's OpenAPI description.
 *
 * @param call     the request as received
 * @param route    the spec's path template, e.g. {@code /webhooks/{webhook_id}/{webhook_token}}
 * @param problems one line per failed keyword ({@code /embeds/0/title: ... must be at most 256 characters long})
 */
public record SchemaViolation(RecordedCall call, String route, List<String> problems) {

    public SchemaViolation {
        problems = List.copyOf(problems);
    }

    @Override
    public String toString() {
        return call.method() + " " + call.path() + " (" + route + "): " + String.join("; ", problems);
    }
}
