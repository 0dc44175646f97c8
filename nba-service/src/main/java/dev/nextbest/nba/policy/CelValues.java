package dev.nextbest.nba.policy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON values as CEL wants them: whole numbers as long, others as double, maps and lists converted deeply,
 * nulls left out (so that {@code has(...)} tells a missing value).
 */
public final class CelValues {

    private CelValues() {
    }

    public static Object of(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> converted = new HashMap<>(map.size() * 2);
            map.forEach((key, item) -> {
                if (item != null) {
                    converted.put(key.toString(), of(item));
                }
            });
            return converted;
        }
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>(list.size());
            list.forEach(item -> converted.add(item == null ? "" : of(item)));
            return converted;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) of(value) : new HashMap<>();
    }
}
