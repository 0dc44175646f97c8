package dev.nextbest.privacy.datamap;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The data map: every service's declaration, checked against the taxonomy. {@code checksum} names this
 * exact content, so that an assessment can say which data map it used.
 */
public final class DataMap {

    private final Taxonomy taxonomy;
    private final Map<String, SystemDeclaration> systems;
    private final String checksum;

    public DataMap(Taxonomy taxonomy, List<SystemDeclaration> systems, String checksum) {
        this.taxonomy = taxonomy;
        this.systems = systems.stream().collect(Collectors.toUnmodifiableMap(SystemDeclaration::system, Function.identity()));
        this.checksum = checksum;
        systems.forEach(this::check);
    }

    public Taxonomy taxonomy() {
        return taxonomy;
    }

    public Optional<SystemDeclaration> system(String name) {
        return Optional.ofNullable(systems.get(name));
    }

    public List<SystemDeclaration> systems() {
        return systems.values().stream().sorted(Comparator.comparing(SystemDeclaration::system)).toList();
    }

    public String checksum() {
        return checksum;
    }

    private void check(SystemDeclaration system) {
        String where = "the data map of " + system.system();
        system.subjects().stream().filter(subject -> !taxonomy.isSubject(subject)).findFirst().ifPresent(subject -> {
            throw new IllegalArgumentException(where + " names data subject '" + subject + "', which is not in the taxonomy");
        });
        for (FieldDeclaration field : system.fields()) {
            if (field.path() == null || field.path().isBlank()) {
                throw new IllegalArgumentException(where + " has a field without a path");
            }
            if (field.categories().isEmpty()) {
                throw new IllegalArgumentException(where + ": field " + field.path() + " has no data category");
            }
            field.categories().stream().filter(category -> !taxonomy.isCategory(category)).findFirst().ifPresent(category -> {
                throw new IllegalArgumentException(where + ": field " + field.path() + " has data category '"
                        + category + "', which is not in the taxonomy");
            });
            field.uses().stream().filter(use -> !taxonomy.isUse(use)).findFirst().ifPresent(use -> {
                throw new IllegalArgumentException(where + ": field " + field.path() + " has data use '" + use
                        + "', which is not in the taxonomy");
            });
        }
    }
}
