package dev.nextbest.identity.identifiers;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores identifier types by their wire name ("email"), as the API and the rules name them. */
@Converter
public class IdentifierTypeConverter implements AttributeConverter<IdentifierType, String> {

    @Override
    public String convertToDatabaseColumn(IdentifierType type) {
        return type == null ? null : type.wire();
    }

    @Override
    public IdentifierType convertToEntityAttribute(String wire) {
        return wire == null ? null : IdentifierType.fromWire(wire);
    }
}
