package dev.nextbest.nba.scoring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one candidate (the customer's profile, the request's context, the action) into a model's input row,
 * as its {@link FeatureSpec} says. Paths are split once, when the encoder is built.
 */
public final class FeatureEncoder {

    private final List<Column> columns;
    private final int width;

    public FeatureEncoder(FeatureSpec spec) {
        this.columns = spec.features().stream().map(Column::new).toList();
        this.width = spec.width();
    }

    public int width() {
        return width;
    }

    /** Writes the row into {@code row} from {@code offset}. The sources are maps of JSON-like values. */
    public void encode(Map<String, ?> profile, Map<String, ?> context, Map<String, ?> action, float[] row, int offset) {
        int at = offset;
        for (Column column : columns) {
            Object value = column.read(profile, context, action);
            at = column.write(value, row, at);
        }
    }

    /**
     * Encodes many candidates of one request: the profile's and context's columns once, then each action's.
     *
     * @return {@code actions.size()} rows, one after the other
     */
    public float[] encodeBatch(Map<String, ?> profile, Map<String, ?> context, List<? extends Map<String, ?>> actions) {
        float[] shared = new float[width];
        int at = 0;
        for (Column column : columns) {
            at = column.root == 2 ? at + column.width : column.write(column.read(profile, context, null), shared, at);
        }
        float[] rows = new float[actions.size() * width];
        for (int i = 0; i < actions.size(); i++) {
            int offset = i * width;
            System.arraycopy(shared, 0, rows, offset, width);
            int position = offset;
            for (Column column : columns) {
                position = column.root == 2 ? column.write(column.read(null, null, actions.get(i)), rows, position)
                        : position + column.width;
            }
        }
        return rows;
    }

    public float[] encode(Map<String, ?> profile, Map<String, ?> context, Map<String, ?> action) {
        float[] row = new float[width];
        encode(profile, context, action, row, 0);
        return row;
    }

    private static final class Column {
        private final int root;
        private final String[] path;
        private final FeatureSpec.Encoding encoding;
        private final Map<String, Integer> categories;
        private final int width;
        private final float defaultValue;

        Column(FeatureSpec.Feature feature) {
            String[] parts = feature.source().split("\\.");
            this.root = switch (parts[0]) {
                case "profile" -> 0;
                case "context" -> 1;
                default -> 2;
            };
            this.path = java.util.Arrays.copyOfRange(parts, 1, parts.length);
            this.encoding = feature.encoding();
            Map<String, Integer> indexes = new HashMap<>();
            if (feature.categories() != null) {
                for (int i = 0; i < feature.categories().size(); i++) {
                    indexes.put(feature.categories().get(i), i);
                }
            }
            // Short category names ("21", "26", ...) crowd a HashMap's buckets into trees; the immutable map probes.
            this.categories = Map.copyOf(indexes);
            this.width = feature.width();
            this.defaultValue = feature.defaultValue() == null ? 0f : feature.defaultValue().floatValue();
        }

        Object read(Map<String, ?> profile, Map<String, ?> context, Map<String, ?> action) {
            Object current = root == 0 ? profile : root == 1 ? context : action;
            for (String step : path) {
                if (!(current instanceof Map<?, ?> map)) {
                    return null;
                }
                current = map.get(step);
            }
            return current;
        }

        int write(Object value, float[] row, int at) {
            switch (encoding) {
                case NUMBER -> row[at] = number(value);
                case BOOLEAN -> row[at] = value == null ? defaultValue : truthy(value) ? 1f : 0f;
                case ONE_HOT -> {
                    java.util.Arrays.fill(row, at, at + width, 0f);
                    Integer index = value == null ? null : categories.get(category(value));
                    if (index != null) {
                        row[at + index] = 1f;
                    }
                }
            }
            return at + width;
        }

        private float number(Object value) {
            if (value instanceof Number number) {
                return number.floatValue();
            }
            if (value instanceof Boolean flag) {
                return flag ? 1f : 0f;
            }
            if (value instanceof String text) {
                try {
                    return Float.parseFloat(text.strip());
                } catch (NumberFormatException notANumber) {
                    return defaultValue;
                }
            }
            return defaultValue;
        }

        private static boolean truthy(Object value) {
            if (value instanceof Boolean flag) {
                return flag;
            }
            if (value instanceof Number number) {
                return number.doubleValue() != 0;
            }
            String text = value.toString().strip().toLowerCase(java.util.Locale.ROOT);
            return text.equals("true") || text.equals("yes") || text.equals("1");
        }

        /** Whole numbers name their category without a decimal point: 21.0 and 21 are both "21". */
        static String category(Object value) {
            if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
                return Long.toString(number.longValue());
            }
            return value.toString();
        }
    }
}
