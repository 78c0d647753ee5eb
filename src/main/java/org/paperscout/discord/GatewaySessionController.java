package org.paperscout.discord;

import net.dv8tion.jda.api.utils.ConcurrentSessionController;

/** Points JDA's gateway at a Discord-compatible server: RestConfig moves REST only, not the websocket. */
final class GatewaySessionController extends ConcurrentSessionController {

    private final String gatewayUrl;

    GatewaySessionController(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    @Override
    public String getGateway() {
        return gatewayUrl;
    }
}
