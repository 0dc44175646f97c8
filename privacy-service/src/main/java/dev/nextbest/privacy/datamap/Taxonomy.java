package dev.nextbest.privacy.datamap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The privacy taxonomy (fideslang keys): data categories, data uses and data subjects. Categories and uses
 * are trees in which a key's parent is the key without its last segment; subjects are flat.
 */
public final class Taxonomy {

    private final Map<String, Term> categories;
    private final Map<String, Term> uses;
    private final Map<String, Term> subjects;

    /** One key of the taxonomy. {@code consentPurpose} is set only on data uses that need a consent. */
    public record Term(String key, String name, String description, String consentPurpose) {
    }

    public Taxonomy(Collection<Term> categories, Collection<Term> uses, Collection<Term> subjects) {
        this.categories = tree("data category", categories);
        this.uses = tree("data use", uses);
        this.subjects = index("data subject", subjects);
    }

    public Collection<Term> categories() {
        return categories.values();
    }

    public Collection<Term> uses() {
        return uses.values();
    }

    public Collection<Term> subjects() {
        return subjects.values();
    }

    public boolean isCategory(String key) {
        return categories.containsKey(key);
    }

    public boolean isUse(String key) {
        return uses.containsKey(key);
    }

    public boolean isSubject(String key) {
        return subjects.containsKey(key);
    }

    /** The key followed by its ancestors, nearest first, as fides's evaluator sees a declared key. */
    public static List<String> hierarchy(String key) {
        List<String> keys = new ArrayList<>();
        for (String k = key; k != null; k = parent(k).orElse(null)) {
            keys.add(k);
        }
        return keys;
    }

    /** Whether {@code key} is {@code ancestor} or lies under it. */
    public static boolean isUnder(String key, String ancestor) {
        return key.equals(ancestor) || key.startsWith(ancestor + ".");
    }

    /** The consent purpose a data use needs: its own, else its nearest ancestor's; empty if none does. */
    public Optional<String> consentPurpose(String use) {
        for (String key : hierarchy(use)) {
            Term term = uses.get(key);
            if (term != null && term.consentPurpose() != null) {
                return Optional.of(term.consentPurpose());
            }
        }
        return Optional.empty();
    }

    static Optional<String> parent(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(key.substring(0, dot));
    }

    private static Map<String, Term> tree(String kind, Collection<Term> terms) {
        Map<String, Term> byKey = index(kind, terms);
        for (String key : byKey.keySet()) {
            parent(key).filter(parent -> !byKey.containsKey(parent)).ifPresent(parent -> {
                throw new IllegalArgumentException(kind + " '" + key + "' has no parent '" + parent + "' in the taxonomy");
            });
        }
        return byKey;
    }

    private static Map<String, Term> index(String kind, Collection<Term> terms) {
        Map<String, Term> byKey = new LinkedHashMap<>();
        for (Term term : terms) {
            if (term.key() == null || !term.key().matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*")) {
                throw new IllegalArgumentException(kind + " key '" + term.key()
                        + "' must be lower-case words of letters, digits and '_', joined by '.'");
            }
            if (byKey.put(term.key(), term) != null) {
                throw new IllegalArgumentException(kind + " '" + term.key() + "' is listed twice");
            }
        }
        return byKey;
    }
}
