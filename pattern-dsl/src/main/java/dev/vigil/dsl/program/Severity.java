package dev.vigil.dsl.program;

/** How urgent an alert of a rule is; review queues sort by it. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public String keyword() {
        return name().toLowerCase();
    }

    public static Severity ofKeyword(String word) {
        for (Severity s : values()) {
            if (s.keyword().equals(word)) {
                return s;
            }
        }
        return null;
    }
}
