package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventBuilder;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.engine.nfa.Match;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An event that changes nothing a rule of its key can see (no window records its type, no rule
 * starts or holds a partial match) leaves the key's stored value as it is: on disk, a login that
 * no partial match waits for costs a read, not a write. The matches are those of the same events
 * with state in memory (the harness runs both).
 */
class UnchangedStateTest {
    private static final String SEQUENCE = """
            rule r {
              key k
              match
                a: E where kind = "a"
                then b: E where kind = "b"
              within 10m
              alert { v: b.v }
            }
            """;

    /** Credits counted in a window, and logins one rule waits for after a new device. */
    private static final String ACCOUNT_EVENTS = """
            event Credit {
              id id
              time ts
              out_of_order 0s
              id: string
              k: string
              ts: timestamp
              v: int
            }
            event Login {
              id id
              time ts
              out_of_order 0s
              id: string
              k: string
              ts: timestamp
              device: string
            }
            """;
    private static final String ACCOUNT_RULES = """
            rule many_credits {
              key k
              match
                c: Credit
              when count(Credit over 1h) >= 3
              alert { n: count(Credit over 1h) }
            }
            rule unverified_device {
              key k
              match
                added: Login where device = "new"
                not then used: Login where device = added.device
              within 10m
              alert { device: added.device }
            }
            """;

    @Test
    void aLoginNoRuleTakesUpLeavesTheStoredValueAsItIs() {
        EngineHarness h = EngineHarness.over(ACCOUNT_EVENTS, ACCOUNT_RULES);
        EventSchema credit = h.compilation.event("Credit").orElseThrow();
        EventSchema login = h.compilation.event("Login").orElseThrow();
        List<Event> events = new ArrayList<>();
        events.add(event(credit, "c0", 0, "v", 10L, 0));
        for (int i = 1; i <= 20; i++) {
            events.add(event(login, "l" + i, i * 1_000L, "device", "known", i));
        }
        events.add(event(credit, "c21", 21_000, "v", 10L, 21));
        events.add(event(credit, "c22", 22_000, "v", 10L, 22));
        BytesStateBackend state = new BytesStateBackend();
        List<Match> matches = h.run(events, state);
        assertEquals(List.of("c=[c22]"), matches.stream().map(EngineHarness::describe).toList());
        assertEquals("{n=3}", matches.get(0).values().toString());
        // The account holds a credit in its window all along: each credit changes it (three
        // writes); a login that starts nothing and that no window counts changes nothing.
        assertEquals(3, state.writes(), "logins that change nothing wrote the account's state");
        assertEquals(matches.size(), h.run(events).size());
    }

    private static Event event(EventSchema type, String id, long ts, String field, Object value, long seq) {
        EventBuilder b = new EventBuilder(type);
        b.setValue(type.field("id").get(), id);
        b.setValue(type.field("k").get(), "a1");
        b.setValue(type.field("ts").get(), ts);
        b.setValue(type.field(field).get(), value);
        return b.build(id, seq, "{\"id\":\"" + id + "\"}");
    }

    @Test
    void eventsWhileAPartialMatchWaitsAreWrittenAndStillMatch() {
        EngineHarness h = new EngineHarness(SEQUENCE);
        List<Event> events = new ArrayList<>();
        events.add(h.event("x0", 0, "x", 0, 0));
        events.add(h.event("a1", 1_000, "a", 1, 1));
        events.add(h.event("x2", 2_000, "x", 2, 2));
        events.add(h.event("b3", 3_000, "b", 3, 3));
        BytesStateBackend state = new BytesStateBackend();
        List<Match> matches = h.run(events, state);
        assertEquals(List.of("a=[a1] b=[b3]"), matches.stream().map(EngineHarness::describe).toList());
        // a1 starts a partial match and x2 finds one waiting (a rule's state may change): two
        // writes, none for x0; b3 completes the match and the key's state goes (a removal).
        assertEquals(2, state.writes());
        assertEquals(matches.size(), h.run(events).size());
    }

    @Test
    void eventsAWindowCountsAreWrittenEvenWhenNoRuleStarts() {
        EngineHarness h = new EngineHarness("""
                rule r {
                  key k
                  match
                    b: E where kind = "b"
                  when count(E over 1h) >= 3
                  alert { n: count(E over 1h) }
                }
                """);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(h.event("x" + i, i * 1_000L, "x", i, i));
        }
        events.add(h.event("b5", 5_000, "b", 5, 5));
        BytesStateBackend state = new BytesStateBackend();
        List<Match> matches = h.run(events, state);
        assertEquals(List.of("b=[b5]"), matches.stream().map(EngineHarness::describe).toList());
        assertEquals("{n=6}", matches.get(0).values().toString());
        assertEquals(6, state.writes(), "each event is in the window, so each changes the key's state");
    }
}
