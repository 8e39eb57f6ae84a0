package dev.vigil.simulator.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * One generated or imported event of the starter schema ({@code rules/schema/events.vgl}), with
 * its label. Amounts are in cents, times in epoch milliseconds.
 */
public sealed interface SimEvent permits SimEvent.Txn, SimEvent.Refund, SimEvent.Login, SimEvent.DeviceAdded,
        SimEvent.PasswordReset, SimEvent.PayeeAdded, SimEvent.Posting {

    String id();

    long time();

    Label label();

    /** The same event under another label (a terminal found compromised labels what passed it). */
    SimEvent relabel(Label label);

    /** The fields of the event, without the enclosing object. */
    void writeFields(JsonGenerator g) throws IOException;

    /** The whole record: the event's fields and its label. */
    default void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        writeFields(g);
        Label l = label();
        g.writeObjectFieldStart("label");
        g.writeBooleanField("fraud", l.fraud());
        if (l.fraud()) {
            g.writeStringField("scenario", l.scenario());
            g.writeStringField("case_id", l.caseId());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void common(JsonGenerator g, String type, String idField, String id, String account, long time)
            throws IOException {
        g.writeStringField("type", type);
        g.writeStringField(idField, id);
        if (account != null) {
            g.writeStringField("account_id", account);
        }
        g.writeStringField("ts", IsoTime.of(time));
    }

    private static void amount(JsonGenerator g, long cents) throws IOException {
        g.writeFieldName("amount");
        long abs = Math.abs(cents);
        long fraction = abs % 100;
        g.writeNumber((cents < 0 ? "-" : "") + abs / 100 + (fraction < 10 ? ".0" : ".") + fraction);
    }

    /** A card authorisation. */
    record Txn(String id, String card, String account, long time, long cents, String merchant, int mcc,
               String country, double lat, double lon, String channel, String device, boolean approved, Label label)
            implements SimEvent {
        @Override
        public Txn relabel(Label l) {
            return new Txn(id, card, account, time, cents, merchant, mcc, country, lat, lon, channel, device, approved, l);
        }

        @Override
        public void writeFields(JsonGenerator g) throws IOException {
            common(g, "txn", "txn_id", id, null, time);
            g.writeStringField("card_id", card);
            g.writeStringField("account_id", account);
            amount(g, cents);
            g.writeStringField("merchant_id", merchant);
            g.writeNumberField("mcc", mcc);
            g.writeStringField("country", country);
            g.writeNumberField("lat", Math.round(lat * 1e4) / 1e4);
            g.writeNumberField("lon", Math.round(lon * 1e4) / 1e4);
            g.writeStringField("channel", channel);
            if (device != null) {
                g.writeStringField("device_id", device);
            }
            g.writeStringField("status", approved ? "approved" : "declined");
        }
    }

    record Refund(String id, String card, String account, long time, long cents, String merchant, Label label)
            implements SimEvent {
        @Override
        public Refund relabel(Label l) {
            return new Refund(id, card, account, time, cents, merchant, l);
        }

        @Override
        public void writeFields(JsonGenerator g) throws IOException {
            common(g, "refund", "refund_id", id, null, time);
            g.writeStringField("card_id", card);
            g.writeStringField("account_id", account);
            amount(g, cents);
            g.writeStringField("merchant_id", merchant);
        }
    }

    record Login(String id, String account, long time, String device, String ipCountry, boolean success, Label label)
            implements SimEvent {
        @Override
        public Login relabel(Label l) {
            return new Login(id, account, time, device, ipCountry, success, l);
        }

        @Override
        public void writeFields(JsonGenerator g) throws IOException {
            common(g, "login", "event_id", id, account, time);
            g.writeStringField("device_id", device);
            g.writeStringField("ip_country", ipCountry);
            g.writeBooleanField("success", success);
        }
    }

    record DeviceAdded(String id, String account, long time, String device, Label label) implements SimEvent {
        @Override
        public DeviceAdded relabel(Label l) {
            return new DeviceAdded(id, account, time, device, l);
        }

        @Override
        public void writeFields(JsonGenerator g) throws IOException {
            common(g, "device_added", "event_id", id, account, time);
            g.writeStringField("device_id", device);
        }
    }

    record PasswordReset(String id, String account, long time, String channel, Label label) implements SimEvent {
        @Override
        public PasswordReset relabel(Label l) {
            return new PasswordReset(id, account, time, channel, l);
        }

        @Override
        public void writeFields(JsonGenerator g) throws IOException {
            common(g, "password_reset", "event_id", id, account, time);
            g.writeStringField("channel", channel);
        }
    }

    record PayeeAdded(String id, String account, long time, String payee, Label label) implements SimEvent {
        @Override
        public PayeeAdded relabel(Label l) {
            return new PayeeAdded(id, account, time, payee, l);
        }

        @Override
        public void writeFields(JsonGenerator g) throws IOException {
            common(g, "payee_added", "event_id", id, account, time);
            g.writeStringField("payee_id", payee);
        }
    }

    /** A ledger posting: money into ({@code credit}) or out of an account. */
    record Posting(boolean credit, String id, String account, long time, long cents, String counterparty,
                   String channel, Label label) implements SimEvent {
        @Override
        public Posting relabel(Label l) {
            return new Posting(credit, id, account, time, cents, counterparty, channel, l);
        }

        @Override
        public void writeFields(JsonGenerator g) throws IOException {
            common(g, credit ? "credit" : "debit", "posting_id", id, account, time);
            amount(g, cents);
            g.writeStringField("counterparty", counterparty);
            g.writeStringField("channel", channel);
        }
    }
}
