package dev.vigil.simulator.event;

/**
 * The ground truth of one event: legitimate, or part of a fraud case of a scenario. Written as the
 * field {@code label}, which no event schema declares, so the engine skips it while reading.
 */
public record Label(boolean fraud, String scenario, String caseId) {
    public static final Label LEGITIMATE = new Label(false, null, null);

    public static Label fraud(String scenario, String caseId) {
        return new Label(true, scenario, caseId);
    }
}
