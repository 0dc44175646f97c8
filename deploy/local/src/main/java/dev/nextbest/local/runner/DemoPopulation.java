package dev.nextbest.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A synthetic customer base for the local platform, built only through the public APIs, as a real channel
 * would: each person is resolved by identity-service (an email, and a cookie for half of them), which
 * registers them as a customer or a prospect, then months of multichannel history go through
 * {@code POST /profile/v1/events} in batches. The same seed gives the same population.
 *
 * <p>It includes the awkward cases a decision engine has to get right: prospects (no holdings), customers
 * who already own the promoted product ({@value #PROMOTED}), repeat complainers, customers who failed to
 * pay, and the consents people give: most allow marketing and profiling; some withdrew marketing, some sent
 * the Global Privacy Control signal (no profiling), some want emails only about their service. Consents are
 * recorded in privacy-service's ledger, as an app or an agent would.
 */
final class DemoPopulation {

    static final String PROMOTED = "fibre-broadband";
    static final int BATCH = 1_000;
    private static final String[] PRODUCTS = {"broadband", PROMOTED, "mobile", "tv", "insurance", "energy"};
    private static final String[] CATEGORIES = {"broadband", "mobile", "tv", "insurance", "energy", "devices"};
    private static final String[] REGIONS = {"north", "south", "east", "west", "london", "scotland", "wales"};
    private static final String[] OFFERS = {"fibre-upgrade", "mobile-bundle", "tv-sports", "loyalty-discount"};
    private static final String[] PRAISE = {
            "The engineer was brilliant and fixed everything quickly. Thank you!",
            "Great service, friendly staff and a fair price.",
            "Really happy with the new package, setup was easy."};
    private static final String[] NEUTRAL = {"It works. Nothing special.", "Service is ok, the app could be clearer."};
    private static final String[] COMPLAINTS = {
            "Terrible service. I waited an hour and nobody helped me.",
            "The internet keeps dropping and support is useless.",
            "I was charged twice and still have no refund. Very disappointed."};

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI identity;
    private final URI profile;
    private final URI privacy;
    private final String token;
    private final PrintStream out;

    DemoPopulation(int identityPort, int profilePort, int privacyPort, String serviceToken, PrintStream out) {
        this.identity = URI.create("http://127.0.0.1:" + identityPort);
        this.profile = URI.create("http://127.0.0.1:" + profilePort);
        this.privacy = URI.create("http://127.0.0.1:" + privacyPort);
        this.token = serviceToken;
        this.out = out;
    }

    /** @return how many events were accepted */
    long build(int customers, long seed) {
        Instant started = Instant.now();
        out.printf("Demo population: %,d people ...%n", customers);
        List<Person> people = resolve(customers, seed);
        List<ObjectNode> events = new ArrayList<>();
        Random random = new Random(seed + 1);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        people.forEach(person -> events.addAll(history(person, random, now)));
        long accepted = 0;
        for (int from = 0; from < events.size(); from += BATCH) {
            accepted += send(events.subList(from, Math.min(from + BATCH, events.size())));
            if ((from / BATCH) % 20 == 19 || from + BATCH >= events.size()) {
                out.printf("  %,d of %,d events accepted%n", accepted, events.size());
            }
        }
        out.printf("Demo population ready in %d s: %,d people, %,d events; profiles fill in as they are processed.%n",
                Duration.between(started, Instant.now()).toSeconds(), people.size(), accepted);
        example(people, "a prospect", Person::prospect);
        example(people, "a repeat complainer", Person::complainer);
        example(people, "a customer who already owns " + PROMOTED, Person::ownsPromoted);
        example(people, "a customer whose payments failed", Person::failsToPay);
        example(people, "someone who withdrew consent to marketing", Person::optedOut);
        example(people, "someone who sent Global Privacy Control", Person::gpc);
        example(people, "someone who wants service-only emails", Person::serviceEmailsOnly);
        return accepted;
    }

    private void example(List<Person> people, String what, java.util.function.Predicate<Person> is) {
        people.stream().filter(is).findFirst()
                .ifPresent(person -> out.printf("  %-46s %s%n", what + ":", person.customerId()));
    }

    /** A person as identity-service knows them, and what kind of demo case they are. */
    record Person(String customerId, boolean prospect, boolean complainer, boolean failsToPay, boolean ownsPromoted,
                  boolean optedOut, boolean gpc, boolean serviceEmailsOnly, int activity) {

        Person withId(String id) {
            return new Person(id, prospect, complainer, failsToPay, ownsPromoted, optedOut, gpc, serviceEmailsOnly, activity);
        }
    }

    private List<Person> resolve(int customers, long seed) {
        Random random = new Random(seed);
        List<Person> planned = new ArrayList<>(customers);
        for (int i = 0; i < customers; i++) {
            boolean prospect = random.nextDouble() < 0.2;
            planned.add(new Person("demo.person." + seed + "." + i + "@example.com", prospect, random.nextDouble() < 0.06,
                    !prospect && random.nextDouble() < 0.08, !prospect && random.nextDouble() < 0.15,
                    random.nextDouble() < 0.1, random.nextDouble() < 0.05, random.nextDouble() < 0.1,
                    5 + random.nextInt(prospect ? 15 : 50)));
        }
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Person>> resolved = new ArrayList<>();
            for (Person person : planned) {
                resolved.add(pool.submit(() -> {
                    Person withId = withCustomerId(person);
                    recordConsents(withId);
                    int count = done.incrementAndGet();
                    if (count % 1_000 == 0 || count == customers) {
                        out.printf("  %,d of %,d people resolved by identity-service, their consents recorded%n", count, customers);
                    }
                    return withId;
                }));
            }
            List<Person> people = new ArrayList<>(customers);
            for (Future<Person> future : resolved) {
                people.add(future.get());
            }
            return people;
        } catch (Exception e) {
            throw new IllegalStateException("resolving the demo people failed: " + rootMessage(e), e);
        } finally {
            pool.shutdownNow();
        }
    }

    private Person withCustomerId(Person person) throws IOException, InterruptedException {
        ObjectNode request = json.createObjectNode();
        ArrayNode identifiers = request.putArray("identifiers");
        identifiers.addObject().put("type", "email").put("value", person.customerId()).put("verified", true);
        if (person.activity() % 2 == 0) {
            identifiers.addObject().put("type", "cookie_id").put("value", UUID.nameUUIDFromBytes(
                    person.customerId().getBytes()).toString());
        }
        request.put("kind", person.prospect() ? "PROSPECT" : "CUSTOMER");
        request.put("source", "/channels/demo");
        JsonNode answer = post(identity.resolve("/identity/v1/resolve"), "application/json", json.writeValueAsString(request));
        return person.withId(answer.path("customerId").asText());
    }

    /** What the person agreed to, as their app would record it (with Sec-GPC: 1 when their browser sends it). */
    private void recordConsents(Person person) throws IOException, InterruptedException {
        ObjectNode request = json.createObjectNode();
        ArrayNode decisions = request.putArray("decisions");
        decisions.addObject().put("purpose", "marketing").put("status", person.optedOut() ? "WITHDRAWN" : "GRANTED");
        decisions.addObject().put("purpose", "profiling").put("status", "GRANTED");
        if (person.serviceEmailsOnly()) {
            request.putArray("contactPreferences").addObject().put("channel", "email").put("allow", "SERVICE_ONLY");
        }
        request.put("channel", "app").put("jurisdiction", "GB").put("method", "app-settings").put("notice", "demo-notice-1");
        post(privacy.resolve("/privacy/v1/customers/" + person.customerId() + "/consents"), "application/json",
                json.writeValueAsString(request), person.gpc());
    }

    /** About six months of what the person did, as CloudEvents for the ingestion API. */
    List<ObjectNode> history(Person person, Random random, Instant now) {
        List<ObjectNode> events = new ArrayList<>();
        Instant joined = now.minus(30 + random.nextInt(150), ChronoUnit.DAYS);
        ObjectNode attributes = json.createObjectNode();
        attributes.put("tier", person.prospect() ? "none" : random.nextDouble() < 0.2 ? "gold" : "silver");
        attributes.put("region", REGIONS[random.nextInt(REGIONS.length)]);
        attributes.put("ageBand", new String[] {"18-24", "25-34", "35-44", "45-54", "55-64", "65+"}[random.nextInt(6)]);
        events.add(event(person, "attributes-changed", joined, json.createObjectNode().set("attributes", attributes)));
        if (!person.prospect()) {
            List<String> held = new ArrayList<>(List.of(PRODUCTS));
            java.util.Collections.shuffle(held, random);
            int count = 1 + random.nextInt(3);
            List<String> products = new ArrayList<>(held.subList(0, count));
            products.remove(PROMOTED);
            if (person.ownsPromoted()) {
                products.add(PROMOTED);
            }
            for (String product : products) {
                LocalDate since = LocalDate.ofInstant(joined, java.time.ZoneOffset.UTC).minusDays(random.nextInt(700));
                events.add(event(person, "holding-changed", joined, json.createObjectNode().put("product", product)
                        .put("status", "ACTIVE").put("since", since.toString())));
            }
        }
        for (int i = 0; i < person.activity(); i++) {
            Instant at = joined.plusSeconds((long) (random.nextDouble() * Duration.between(joined, now).toSeconds()));
            events.add(interaction(person, random, at));
        }
        if (person.complainer()) {
            for (int i = 0, n = 3 + random.nextInt(4); i < n; i++) {
                Instant at = now.minus(random.nextInt(25 * 24), ChronoUnit.HOURS);
                events.add(event(person, "interaction", at, data(random.nextBoolean() ? "agent" : "ivr", "complaint")
                        .set("attributes", json.createObjectNode().put("verbatim", COMPLAINTS[random.nextInt(COMPLAINTS.length)]))));
            }
        }
        if (person.failsToPay()) {
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                Instant at = now.minus(random.nextInt(60), ChronoUnit.DAYS);
                events.add(event(person, "interaction", at, data("app", "payment-failed")
                        .set("attributes", json.createObjectNode().put("amount", 20 + random.nextInt(80)))));
            }
        }
        return events;
    }

    private ObjectNode interaction(Person person, Random random, Instant at) {
        String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
        int pick = random.nextInt(100);
        ObjectNode attributes = json.createObjectNode();
        ObjectNode data;
        if (pick < 35) {
            data = data(random.nextBoolean() ? "web" : "app", "page-view");
            attributes.put("category", category).put("page", "/" + category);
        } else if (pick < 50) {
            data = data(random.nextBoolean() ? "web" : "app", "search");
            attributes.put("category", category).put("query", category + " deals");
        } else if (pick < 58 && !person.prospect()) {
            data = data(random.nextInt(4) == 0 ? "store" : "web", "purchase");
            attributes.put("category", category).put("amount", 10 + random.nextInt(400));
        } else if (pick < 66 && !person.prospect()) {
            data = data("app", "payment");
            attributes.put("amount", 20 + random.nextInt(80));
        } else if (pick < 74) {
            data = data(random.nextBoolean() ? "agent" : "ivr", "call");
            attributes.put("reason", new String[] {"billing", "technical", "moving", "upgrade"}[random.nextInt(4)]);
        } else if (pick < 78) {
            data = data("agent", "ticket-opened");
            attributes.put("topic", "technical");
        } else if (pick < 84) {
            int nps = person.complainer() ? random.nextInt(5) : 5 + random.nextInt(6);
            data = data("email", "survey");
            attributes.put("nps", nps).put("verbatim", nps >= 9 ? PRAISE[random.nextInt(PRAISE.length)]
                    : nps >= 7 ? NEUTRAL[random.nextInt(NEUTRAL.length)] : COMPLAINTS[random.nextInt(COMPLAINTS.length)]);
        } else if (pick < 90) {
            data = data(random.nextBoolean() ? "email" : "sms", random.nextBoolean() ? "message-opened" : "message-sent");
        } else {
            String offer = OFFERS[random.nextInt(OFFERS.length)];
            String channel = new String[] {"web", "app", "agent", "email"}[random.nextInt(4)];
            data = data(channel, random.nextInt(3) == 0 ? (random.nextBoolean() ? "offer-accepted" : "offer-declined") : "offer-shown");
            attributes.put("offer", offer);
        }
        data.set("attributes", attributes);
        return event(person, "interaction", at, data);
    }

    private ObjectNode data(String channel, String kind) {
        return json.createObjectNode().put("channel", channel).put("kind", kind);
    }

    private ObjectNode event(Person person, String type, Instant at, ObjectNode data) {
        ObjectNode event = json.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", UUID.randomUUID().toString());
        event.put("source", "/channels/demo");
        event.put("type", "dev.nextbest.customer." + type + ".v1");
        event.put("subject", person.customerId());
        event.put("time", at.toString());
        event.put("datacontenttype", "application/json");
        event.set("data", data);
        return event;
    }

    private int send(List<ObjectNode> batch) {
        ArrayNode body = json.createArrayNode();
        batch.forEach(body::add);
        try {
            JsonNode answer = post(profile.resolve("/profile/v1/events"), "application/cloudevents-batch+json",
                    json.writeValueAsString(body));
            if (answer.path("rejected").size() > 0) {
                out.printf("  %d events of a batch were refused, the first because: %s%n", answer.path("rejected").size(),
                        answer.path("rejected").get(0).path("reason").asText());
            }
            return answer.path("accepted").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private JsonNode post(URI uri, String contentType, String body) throws IOException, InterruptedException {
        return post(uri, contentType, body, false);
    }

    private JsonNode post(URI uri, String contentType, String body, boolean gpc) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (gpc) {
            request.header("Sec-GPC", "1");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(uri.getPath() + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
