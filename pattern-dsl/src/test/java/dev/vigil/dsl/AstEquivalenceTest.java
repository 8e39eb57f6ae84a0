package dev.vigil.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vigil.dsl.format.AstEquivalence;
import org.junit.jupiter.api.Test;

/** The comparison the round-trip tests rely on must see real differences and only those. */
class AstEquivalenceTest {
    @Test
    void ignoresLayoutAndComments() {
        assertNull(AstEquivalence.difference(Parsing.rule("key k -- x\nmatch a: Txn where  amount<5"),
                Parsing.rule("\n\n  key k\n  -- comment\n  match a: Txn where (amount < 5)"), ""));
    }

    @Test
    void seesEveryKindOfDifference() {
        assertEquals("clauses[1].pattern.steps[0].term.where.op",
                AstEquivalence.difference(Parsing.rule("key k\nmatch a: Txn where amount < 5"),
                        Parsing.rule("key k\nmatch a: Txn where amount <= 5"), ""));
        assertEquals("clauses[1].pattern.steps[0].term.quantifier.max",
                AstEquivalence.difference(Parsing.rule("key k\nmatch a: Txn{2,3}"), Parsing.rule("key k\nmatch a: Txn{2,4}"), ""));
        assertEquals("clauses[1].pattern.steps[0].term.where.right.value",
                AstEquivalence.difference(Parsing.rule("key k\nmatch a: Txn where amount < 5.0"),
                        Parsing.rule("key k\nmatch a: Txn where amount < 5.00"), ""));
        assertEquals("clauses.size", AstEquivalence.difference(Parsing.rule("key k"), Parsing.rule("key k\nwithin 1m"), ""));
    }
}
