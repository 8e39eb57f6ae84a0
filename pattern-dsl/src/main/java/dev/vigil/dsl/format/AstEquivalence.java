package dev.vigil.dsl.format;

import dev.vigil.dsl.ast.Comments;
import dev.vigil.dsl.ast.Span;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether two ASTs describe the same program: equal node for node, ignoring where the text was
 * (spans), comments and the file path. {@code vigil fmt} checks its own output with it before
 * writing anything.
 */
public final class AstEquivalence {
    private static final Set<String> IGNORED = Set.of("span", "comments", "closingComments", "path");

    private AstEquivalence() {}

    public static boolean same(Object a, Object b) {
        return difference(a, b, "") == null;
    }

    /** A path to the first difference, such as {@code decls[1].clauses[3].condition.right}, or null. */
    public static String difference(Object a, Object b, String at) {
        if (a == b) {
            return null;
        }
        if (a == null || b == null || a.getClass() != b.getClass()) {
            return at.isEmpty() ? "(root)" : at;
        }
        if (a instanceof Span || a instanceof Comments) {
            return null;
        }
        if (a instanceof Record) {
            for (RecordComponent rc : a.getClass().getRecordComponents()) {
                if (IGNORED.contains(rc.getName())) {
                    continue;
                }
                try {
                    String d = difference(rc.getAccessor().invoke(a), rc.getAccessor().invoke(b),
                            at.isEmpty() ? rc.getName() : at + "." + rc.getName());
                    if (d != null) {
                        return d;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return null;
        }
        if (a instanceof List<?> la) {
            List<?> lb = (List<?>) b;
            if (la.size() != lb.size()) {
                return at + ".size";
            }
            for (int i = 0; i < la.size(); i++) {
                String d = difference(la.get(i), lb.get(i), at + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a instanceof Optional<?> oa) {
            Optional<?> ob = (Optional<?>) b;
            if (oa.isPresent() != ob.isPresent()) {
                return at;
            }
            return oa.isPresent() ? difference(oa.get(), ob.get(), at) : null;
        }
        return a.equals(b) ? null : at;
    }
}
