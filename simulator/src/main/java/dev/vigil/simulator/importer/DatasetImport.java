package dev.vigil.simulator.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.vigil.simulator.event.SimEvent;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a dataset file into Vigil's NDJSON, row by row in file order (the datasets are in time
 * order). A row that cannot be converted is reported with its line number and reason, never
 * skipped silently; the rest of the file goes on.
 */
public final class DatasetImport {
    private static final CsvMapper CSV = new CsvMapper();

    /** A refused row: its line in the file (the header is line 1), why, and the row as read. */
    public record Rejected(long line, String reason, List<String> row) {}

    /** What an import did. */
    public record Report(long rows, long events, long fraudRows, List<Rejected> rejected) {}

    /** The file lacks a column the format needs: it is probably another format. */
    public static final class WrongFormat extends IOException {
        WrongFormat(String message) {
            super(message);
        }
    }

    private DatasetImport() {}

    public static Report run(DatasetFormat format, Reader in, Writer out, long start) throws IOException {
        List<Rejected> rejected = new ArrayList<>();
        long rows = 0;
        long events = 0;
        long fraud = 0;
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                .readValues(in)) {
            if (!it.hasNext()) {
                throw new WrongFormat("the file is empty; a " + format.name() + " file starts with a header row");
            }
            String[] header = it.next();
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                columns.putIfAbsent(header[i].trim(), i);
            }
            for (String needed : format.columns()) {
                if (!columns.containsKey(needed)) {
                    throw new WrongFormat("the header has no column `" + needed + "`; a " + format.name()
                            + " file has the columns " + String.join(", ", format.columns()));
                }
            }
            JsonGenerator g = new JsonFactory().createGenerator(out);
            g.setRootValueSeparator(null);
            long line = 1;
            while (true) {
                String[] values;
                try {
                    if (!it.hasNextValue()) {
                        break;
                    }
                    values = it.nextValue();
                } catch (RuntimeException | IOException e) {
                    // The CSV itself is broken here (for example an unclosed quote): nothing after it can be trusted.
                    rejected.add(new Rejected(line + 1, "unreadable CSV: " + e.getMessage().lines().findFirst().orElse(""),
                            List.of()));
                    break;
                }
                line = it.getCurrentLocation().getLineNr() - 1;
                if (values.length == 1 && values[0].isBlank()) {
                    continue;
                }
                rows++;
                if (values.length != header.length) {
                    rejected.add(new Rejected(line, "has " + values.length + " values for " + header.length + " columns",
                            List.of(values)));
                    continue;
                }
                try {
                    List<SimEvent> converted = format.convert(new Row(columns, values, line), start);
                    for (SimEvent e : converted) {
                        e.write(g);
                        g.writeRaw('\n');
                        events++;
                    }
                    if (converted.get(0).label().fraud()) {
                        fraud++;
                    }
                } catch (Row.BadRow bad) {
                    rejected.add(new Rejected(line, bad.getMessage(), List.of(values)));
                }
            }
            g.flush();
        }
        return new Report(rows, events, fraud, rejected);
    }
}
