package dev.nextbest.privacy.datamap;

import java.util.List;

/** One service's data map: the data subjects it holds data about, and its fields. */
public record SystemDeclaration(String system, String description, List<String> subjects, List<FieldDeclaration> fields) {

    public SystemDeclaration {
        subjects = List.copyOf(subjects == null ? List.of() : subjects);
        fields = List.copyOf(fields == null ? List.of() : fields);
    }

    /** The declared fields that reading {@code reference} reads; empty when it is undeclared. */
    public List<FieldDeclaration> fieldsRead(String reference) {
        return fields.stream().filter(field -> field.matches(reference)).toList();
    }
}
