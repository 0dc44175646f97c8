package dev.nextbest.local.runner;

import java.util.List;

/** The API clients the local runtime registers: one per kind of application that calls the platform. */
final class StandardClients {

    record Client(String id, String name, String role) {
    }

    static final List<Client> ALL = List.of(
            new Client("agent-desktop", "Contact-centre agent desktop", "agent"),
            new Client("mobile-app", "Mobile app (customer-scoped tokens)", "channel-app"),
            new Client("web-app", "Web app (customer-scoped tokens)", "channel-app"),
            new Client("marketer-console", "Marketer console", "marketer"),
            new Client("privacy-console", "Privacy officer console", "privacy-officer"),
            new Client("platform-admin", "Platform administration", "admin"),
            new Client("platform-services", "Platform services calling each other", "service"));

    private StandardClients() {
    }
}
