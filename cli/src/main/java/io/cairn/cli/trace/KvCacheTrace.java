package io.cairn.cli.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Streaming reader of Meta's kvcache trace format (CSV), as shipped in {@value #SAMPLE_RESOURCE}.
 *
 * <p>The first line is a header. Columns are found by name, because files of this format order
 * them differently. Required columns are {@code op_time}, {@code key}, {@code op},
 * {@code op_count}, {@code size} and {@code ttl}; others, such as {@code key_size},
 * {@code cache_hits}, {@code usecase} and {@code sub_usecase}, are ignored. Blank lines are skipped.
 * A line that breaks the format raises {@link TraceFormatException} with its line number and
 * column name.
 *
 * <p>Not thread-safe. Close the reader to release the input.
 */
public final class KvCacheTrace implements AutoCloseable {

    /** Class-path location of the bundled sample: 99 requests from Meta's production memcache. */
    public static final String SAMPLE_RESOURCE = "/traces/meta-kvcache-sample/kv_traces_1.csv";

    private static final String SEPARATOR = ",";
    private static final String[] REQUIRED_COLUMNS = {"op_time", "key", "op", "op_count", "size", "ttl"};

    private final String source;
    private final BufferedReader reader;
    private final int columnCount;
    private final int opTimeColumn;
    private final int keyColumn;
    private final int opColumn;
    private final int opCountColumn;
    private final int sizeColumn;
    private final int ttlColumn;
    private long lineNumber;
    private KvCacheRequest next;

    private KvCacheTrace(String source, BufferedReader reader) {
        this.source = source;
        this.reader = reader;

        String header = readLine();
        if (header == null) {
            throw new TraceFormatException(source + " line 1: the header is missing; the file is empty", 1);
        }
        List<String> names = Arrays.stream(header.split(SEPARATOR, -1)).map(String::strip).toList();
        this.columnCount = names.size();
        Map<String, Integer> columns = columnIndexes(names);
        this.opTimeColumn = columns.get("op_time");
        this.keyColumn = columns.get("key");
        this.opColumn = columns.get("op");
        this.opCountColumn = columns.get("op_count");
        this.sizeColumn = columns.get("size");
        this.ttlColumn = columns.get("ttl");
    }

    /** Opens the bundled sample. */
    public static KvCacheTrace openSample() {
        InputStream resource = KvCacheTrace.class.getResourceAsStream(SAMPLE_RESOURCE);
        if (resource == null) {
            throw new UncheckedIOException(new IOException("The bundled trace " + SAMPLE_RESOURCE
                    + " is not on the class path; rebuild the cli module"));
        }
        return open(SAMPLE_RESOURCE, new InputStreamReader(resource, StandardCharsets.UTF_8));
    }

    /**
     * Opens a trace and reads its header. The reader closes {@code input}.
     *
     * @param source name of the input for error messages, for example a file name
     * @throws TraceFormatException if the header is missing or lacks a required column
     */
    public static KvCacheTrace open(String source, Reader input) {
        BufferedReader reader = input instanceof BufferedReader buffered ? buffered : new BufferedReader(input);
        try {
            return new KvCacheTrace(source, reader);
        } catch (RuntimeException e) {
            try {
                reader.close();
            } catch (IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /**
     * Returns true if another request follows.
     *
     * @throws TraceFormatException if the next non-blank line is malformed
     */
    public boolean hasNext() {
        if (next == null) {
            next = parseNext();
        }
        return next != null;
    }

    /**
     * Returns the next request.
     *
     * @throws NoSuchElementException at the end of the trace
     * @throws TraceFormatException if the line is malformed
     */
    public KvCacheRequest next() {
        if (!hasNext()) {
            throw new NoSuchElementException("Trace " + source + " has no request after line " + lineNumber);
        }
        KvCacheRequest request = next;
        next = null;
        return request;
    }

    /** Reads the remaining requests into a list. */
    public List<KvCacheRequest> readAll() {
        List<KvCacheRequest> requests = new ArrayList<>();
        while (hasNext()) {
            requests.add(next());
        }
        return requests;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to close trace " + source, e);
        }
    }

    private KvCacheRequest parseNext() {
        String line;
        do {
            line = readLine();
            if (line == null) {
                return null;
            }
        } while (line.isBlank());

        String[] fields = line.split(SEPARATOR, -1);
        if (fields.length != columnCount) {
            throw malformed("has " + fields.length + " columns but the header has " + columnCount);
        }

        String key = fields[keyColumn].strip();
        if (key.isEmpty()) {
            throw malformed("column key is empty");
        }
        long opTime = number(fields, opTimeColumn, "op_time", 0);
        KvCacheOp op = op(fields[opColumn].strip());
        long opCount = number(fields, opCountColumn, "op_count", 1);
        if (opCount > Integer.MAX_VALUE) {
            throw malformed("column op_count is " + opCount + ", above the maximum of " + Integer.MAX_VALUE);
        }
        long size = number(fields, sizeColumn, "size", 0);
        long ttl = number(fields, ttlColumn, "ttl", 0);
        return new KvCacheRequest(lineNumber, opTime, key, op, (int) opCount, size, ttl);
    }

    private KvCacheOp op(String text) {
        try {
            return KvCacheOp.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw malformed("column op has the unknown operation '" + text + "'; expected one of "
                    + Arrays.toString(KvCacheOp.values()));
        }
    }

    /** Parses a whole number of at least {@code minimum} from column {@code name}. */
    private long number(String[] fields, int column, String name, long minimum) {
        String text = fields[column].strip();
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw malformed("column " + name + " is not a whole number: '" + text + "'");
        }
        if (value < minimum) {
            throw malformed("column " + name + " is " + value + ", below the minimum of " + minimum);
        }
        return value;
    }

    private Map<String, Integer> columnIndexes(List<String> names) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (columns.putIfAbsent(names.get(i), i) != null) {
                throw malformed("the header names column " + names.get(i) + " twice");
            }
        }
        for (String required : REQUIRED_COLUMNS) {
            if (!columns.containsKey(required)) {
                throw malformed("the header lacks the required column " + required + "; found columns " + names);
            }
        }
        return columns;
    }

    private TraceFormatException malformed(String problem) {
        return new TraceFormatException(source + " line " + lineNumber + ": " + problem, lineNumber);
    }

    private String readLine() {
        try {
            String line = reader.readLine();
            if (line != null) {
                lineNumber++;
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read trace " + source + " after line " + lineNumber, e);
        }
    }
}
