package dev.vigil.dsl.schema;

/**
 * An event's record as read, held in another form than its bytes until they are asked for: state
 * keeps the records of the events partial matches wait on in a compact form, and most are never
 * printed (only an alert or the late output prints one).
 */
public interface HeldRecord {
    /** The record as read, UTF-8, made from this form; {@code of} is the event holding it. */
    byte[] bytes(Event of);
}
