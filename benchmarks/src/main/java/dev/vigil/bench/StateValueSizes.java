package dev.vigil.bench;

import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * What a replay's RocksDB state holds, per namespace (column family): values, their average size
 * before RocksDB's compression, and their keys'. Read-only, on a stopped replay's state:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.vigil.bench.StateValueSizes DIR/live[/shard-0]}.
 */
public final class StateValueSizes {
    private StateValueSizes() {}

    public static void main(String[] args) throws RocksDBException {
        if (args.length != 1) {
            System.err.println("usage: StateValueSizes ROCKSDB_DIR");
            System.exit(2);
        }
        RocksDB.loadLibrary();
        List<byte[]> names;
        try (Options listing = new Options()) {
            names = RocksDB.listColumnFamilies(listing, args[0]);
        }
        List<ColumnFamilyDescriptor> descriptors = names.stream().map(ColumnFamilyDescriptor::new).toList();
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions(); RocksDB db = RocksDB.openReadOnly(options, args[0], descriptors, handles)) {
            for (int i = 0; i < handles.size(); i++) {
                long values = 0;
                long valueBytes = 0;
                long keyBytes = 0;
                try (RocksIterator it = db.newIterator(handles.get(i))) {
                    for (it.seekToFirst(); it.isValid(); it.next()) {
                        values++;
                        valueBytes += it.value().length;
                        keyBytes += it.key().length;
                    }
                }
                System.out.printf("%s: %d values, %.1f bytes a value, %.1f bytes a key%n", new String(names.get(i)),
                        values, values == 0 ? 0.0 : (double) valueBytes / values, values == 0 ? 0.0 : (double) keyBytes / values);
            }
            handles.forEach(ColumnFamilyHandle::close);
        }
    }
}
