package dev.vigil.app;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The progress bar of long commands: shown on a terminal unless asked otherwise. */
final class Progress {
    private Progress() {}

    /** A bar, or null when it is not to be shown ({@code wanted} null means: when on a terminal). */
    static ProgressBar bar(String task, long total, String unit, Boolean wanted) {
        boolean show = wanted != null ? wanted : System.console() != null;
        if (!show) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setUnit(unit, 1).showSpeed().build();
    }
}
