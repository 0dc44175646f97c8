package dev.nextbest.privacy.datamap;

import java.util.List;

/**
 * One field a service holds or reads, as its data map declares it.
 *
 * @param path          the field's name as expressions and feature specs write it, e.g. profile.attributes.age;
 *                      it covers everything under it
 * @param categories    its data categories
 * @param uses          the data uses it may serve; a use covers the uses under it
 * @param source        who collects it (profile-service, request, catalogue, ...)
 * @param vulnerability whether it can reveal that the person is vulnerable
 */
public record FieldDeclaration(String path, List<String> categories, List<String> uses, String source,
                               boolean vulnerability) {

    public FieldDeclaration {
        categories = List.copyOf(categories == null ? List.of() : categories);
        uses = List.copyOf(uses == null ? List.of() : uses);
    }

    /** Whether reading {@code reference} reads this field: one of the two paths lies under the other. */
    public boolean matches(String reference) {
        return Taxonomy.isUnder(reference, path) || Taxonomy.isUnder(path, reference);
    }

    /** Whether the field is declared for {@code use} (or for a use above it). */
    public boolean allows(String use) {
        return uses.stream().anyMatch(declared -> Taxonomy.isUnder(use, declared));
    }

    /** Whether any of its categories is data about a person (under {@code user}). */
    public boolean personal() {
        return categories.stream().anyMatch(category -> Taxonomy.isUnder(category, "user"));
    }
}
