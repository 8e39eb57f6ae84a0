package dev.vigil.dsl.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A declared event type: where it comes from, how it is recognised ({@code where type = "txn"}),
 * which field is its id and which its event time, how out of order and how late its source may
 * be, and its fields resolved to slots.
 */
public final class EventSchema {
    private final String name;
    private final String source;
    // Optionals made once: the decoder asks for them at every record.
    private final Optional<String> discriminatorField;
    private final Optional<String> discriminatorValue;
    private final Optional<FieldSlot> idField;
    private final FieldSlot timeField;
    private final long outOfOrderMillis;
    private final long latenessMillis;
    private final Map<String, FieldSlot> fields;
    private final FieldSlot[] fieldArray;
    private final List<FieldSlot> fieldList;
    private final int primitiveCount;
    private final int referenceCount;
    /** All string and decimal fields absent: shared by events that keep none of them (never written to). */
    private final Object[] noReferences;

    private EventSchema(Builder b) {
        this.name = b.name;
        this.source = b.source;
        this.discriminatorField = Optional.ofNullable(b.discriminatorField);
        this.discriminatorValue = Optional.ofNullable(b.discriminatorValue);
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(b.fields));
        this.fieldArray = fields.values().toArray(FieldSlot[]::new);
        this.fieldList = List.of(fieldArray);
        this.idField = Optional.ofNullable(b.idField).map(fields::get);
        this.timeField = fields.get(b.timeField);
        this.outOfOrderMillis = b.outOfOrderMillis;
        this.latenessMillis = b.latenessMillis;
        this.primitiveCount = b.primitiveCount;
        this.referenceCount = b.referenceCount;
        this.noReferences = new Object[referenceCount];
    }

    public String name() {
        return name;
    }

    /** The topic or stream name events of this type are read from. */
    public String source() {
        return source;
    }

    public Optional<String> discriminatorField() {
        return discriminatorField;
    }

    public Optional<String> discriminatorValue() {
        return discriminatorValue;
    }

    /** The id field, or empty when events of this type are identified by their position in the input. */
    public Optional<FieldSlot> idField() {
        return idField;
    }

    public FieldSlot timeField() {
        return timeField;
    }

    public long outOfOrderMillis() {
        return outOfOrderMillis;
    }

    public long latenessMillis() {
        return latenessMillis;
    }

    public List<FieldSlot> fields() {
        return fieldList;
    }

    /** The fields in declaration order (a shared array: do not change it). */
    FieldSlot[] fieldArray() {
        return fieldArray;
    }

    public Optional<FieldSlot> field(String fieldName) {
        return Optional.ofNullable(fields.get(fieldName));
    }

    public int primitiveCount() {
        return primitiveCount;
    }

    public int referenceCount() {
        return referenceCount;
    }

    Object[] noReferences() {
        return noReferences;
    }

    @Override
    public String toString() {
        return name;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public static final class Builder {
        private final String name;
        private String source;
        private String discriminatorField;
        private String discriminatorValue;
        private String idField;
        private String timeField;
        private long outOfOrderMillis;
        private long latenessMillis;
        private final Map<String, FieldSlot> fields = new LinkedHashMap<>();
        private int primitiveCount;
        private int referenceCount;

        private Builder(String name) {
            this.name = name;
            this.source = name;
        }

        public Builder source(String topic, String discriminatorField, String discriminatorValue) {
            this.source = topic;
            this.discriminatorField = discriminatorField;
            this.discriminatorValue = discriminatorValue;
            return this;
        }

        public Builder idField(String field) {
            this.idField = field;
            return this;
        }

        public Builder timeField(String field) {
            this.timeField = field;
            return this;
        }

        public Builder outOfOrderMillis(long millis) {
            this.outOfOrderMillis = millis;
            return this;
        }

        public Builder latenessMillis(long millis) {
            this.latenessMillis = millis;
            return this;
        }

        public Builder field(String fieldName, ValueType type, Object defaultValue) {
            int index = type.primitive ? primitiveCount++ : referenceCount++;
            fields.put(fieldName, new FieldSlot(fieldName, type, fields.size(), index, defaultValue));
            return this;
        }

        public EventSchema build() {
            return new EventSchema(this);
        }
    }
}
