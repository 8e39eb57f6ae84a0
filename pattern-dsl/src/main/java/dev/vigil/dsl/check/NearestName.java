package dev.vigil.dsl.check;

import java.util.Collection;

/** "did you mean ...?": the closest known name by edit distance, if it is close enough to be a typo. */
final class NearestName {
    private NearestName() {}

    static String of(String wrong, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(wrong.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int allowed = Math.max(1, Math.min(3, wrong.length() / 3));
        return bestDistance <= allowed ? best : null;
    }

    /** A hint naming the nearest name, or listing the known ones when none is near. */
    static String hint(String wrong, Collection<String> known, String what) {
        String near = of(wrong, known);
        if (near != null) {
            return "did you mean `" + near + "`?";
        }
        if (known.isEmpty()) {
            return null;
        }
        String list = known.stream().sorted().limit(12).map(k -> "`" + k + "`")
                .reduce((a, b) -> a + ", " + b).orElse("");
        return what + ": " + list + (known.size() > 12 ? ", ..." : "");
    }

    /** Damerau-Levenshtein (optimal string alignment): a swapped pair of letters counts as one typo. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
