package dev.nextbest.identity.identifiers;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

import java.util.Map;

/** How identifiers of each type take part in resolution (application.properties, "nextbest.identity.rules"). */
@ConfigMapping(prefix = "nextbest.identity.rules")
public interface ResolutionRules {

    /** Keyed by the type's wire name, e.g. "email". */
    @WithParentName
    Map<String, Rule> byType();

    default Rule of(IdentifierType type) {
        Rule rule = byType().get(type.wire());
        if (rule == null) {
            throw new IllegalStateException("no resolution rule for identifier type " + type.wire()
                    + ": set nextbest.identity.rules." + type.wire() + ".*");
        }
        return rule;
    }

    interface Rule {
        /** Which identifier decides when identifiers point at different customers; 1 decides first. */
        int priority();

        /** How many identifiers of this type one customer may have. */
        int maxPerCustomer();

        /** Identifies one person. A weak identifier (a cookie, a device) may be shared by several. */
        boolean strong();
    }
}
