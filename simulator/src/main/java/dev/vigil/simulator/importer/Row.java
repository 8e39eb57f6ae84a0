package dev.vigil.simulator.importer;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** One CSV row of a dataset, read by column name, each value checked as it is read. */
final class Row {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Map<String, Integer> columns;
    private final String[] values;
    final long line;

    Row(Map<String, Integer> columns, String[] values, long line) {
        this.columns = columns;
        this.values = values;
        this.line = line;
    }

    String text(String column) throws BadRow {
        String v = values[columns.get(column)].trim();
        if (v.isEmpty()) {
            throw new BadRow(column + " is empty");
        }
        return v;
    }

    long cents(String column) throws BadRow {
        String v = text(column);
        try {
            BigDecimal d = new BigDecimal(v);
            if (d.signum() < 0) {
                throw new BadRow(column + " is negative: " + v);
            }
            return d.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadRow(column + " is not an amount: " + v);
        }
    }

    long integer(String column) throws BadRow {
        String v = text(column);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BadRow(column + " is not a whole number: " + v);
        }
    }

    double decimal(String column) throws BadRow {
        String v = text(column);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new BadRow(column + " is not a number: " + v);
        }
    }

    boolean flag(String column) throws BadRow {
        String v = text(column);
        if (v.equals("0")) {
            return false;
        }
        if (v.equals("1")) {
            return true;
        }
        throw new BadRow(column + " is not 0 or 1: " + v);
    }

    /** A {@code yyyy-MM-dd HH:mm:ss} time, read as UTC (the datasets carry no zone). */
    long dateTime(String column) throws BadRow {
        String v = text(column);
        try {
            return LocalDateTime.parse(v, DATE_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new BadRow(column + " is not a time like 2019-01-01 00:00:18: " + v);
        }
    }

    /** A row that cannot be converted, and why. */
    static final class BadRow extends Exception {
        BadRow(String reason) {
            super(reason, null, false, false);
        }
    }
}
