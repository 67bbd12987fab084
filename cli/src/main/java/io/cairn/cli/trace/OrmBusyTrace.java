package io.cairn.cli.trace;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.tukaani.xz.XZInputStream;

/**
 * Streaming reader of the cache2k {@code orm-busy} trace: database-object accesses of an e-commerce
 * web application during a busy day, shipped as {@value #RESOURCE}.
 *
 * <p>The uncompressed trace is a sequence of big-endian signed 32-bit integers, one object id per
 * request, without timestamps, sizes or operation types. The byte order shows in the data: the
 * first byte of each record takes only 56 distinct values (the high bits carry the object type),
 * while the last byte takes all 256. The bundled file contains {@value #REQUESTS} requests over
 * {@value #DISTINCT_KEYS} distinct ids.
 *
 * <p>Not thread-safe. Close the reader to release the decompressor.
 */
public final class OrmBusyTrace implements AutoCloseable {

    /** Class-path location of the bundled trace. */
    public static final String RESOURCE = "/traces/cache2k-orm-busy/orm-busy.trace.xz";

    /** Requests in the bundled trace. */
    public static final int REQUESTS = 5_000_000;

    /** Distinct object ids in the bundled trace. */
    public static final int DISTINCT_KEYS = 76_349;

    private static final int RECORD_BYTES = Integer.BYTES;
    private static final int BUFFER_BYTES = 64 * 1024;

    private final String source;
    private final DataInputStream input;
    private long requestsRead;

    private OrmBusyTrace(String source, InputStream compressed) throws IOException {
        this.source = source;
        this.input = new DataInputStream(new BufferedInputStream(new XZInputStream(compressed), BUFFER_BYTES));
    }

    /**
     * Opens the trace bundled with the command line.
     *
     * @throws UncheckedIOException if the resource is missing or not xz data
     */
    public static OrmBusyTrace openBundled() {
        InputStream resource = OrmBusyTrace.class.getResourceAsStream(RESOURCE);
        if (resource == null) {
            throw new UncheckedIOException(new IOException("The bundled trace " + RESOURCE
                    + " is not on the class path; rebuild the cli module"));
        }
        return open(RESOURCE, resource);
    }

    /**
     * Opens an xz-compressed trace in the orm-busy format. The reader closes {@code compressed}.
     *
     * @param source name of the input for error messages, for example a file name
     * @throws UncheckedIOException if the input is not xz data
     */
    public static OrmBusyTrace open(String source, InputStream compressed) {
        try {
            return new OrmBusyTrace(source, compressed);
        } catch (IOException e) {
            closeQuietly(compressed, e);
            throw new UncheckedIOException("Failed to open trace " + source + " as xz data", e);
        }
    }

    /**
     * Reads up to {@code keys.length} requests into {@code keys} and returns how many it read;
     * 0 means the trace has ended.
     *
     * @throws TraceFormatException if the trace ends inside a record
     * @throws UncheckedIOException if reading or decompressing fails
     */
    public int read(int[] keys) {
        byte[] bytes = new byte[keys.length * RECORD_BYTES];
        int length;
        try {
            length = input.readNBytes(bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read trace " + source + " at byte " + offset(), e);
        }

        int count = length / RECORD_BYTES;
        for (int i = 0; i < count; i++) {
            int at = i * RECORD_BYTES;
            keys[i] = (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8
                    | (bytes[at + 3] & 0xff);
        }
        requestsRead += count;

        int partial = length % RECORD_BYTES;
        if (partial != 0) {
            throw new TraceFormatException("Trace " + source + " ends inside the record at byte " + offset() + ": "
                    + partial + " of " + RECORD_BYTES + " bytes present. The file is truncated; copy it again.", offset());
        }
        return count;
    }

    /** Requests read so far. */
    public long requestsRead() {
        return requestsRead;
    }

    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to close trace " + source, e);
        }
    }

    private long offset() {
        return requestsRead * RECORD_BYTES;
    }

    private static void closeQuietly(InputStream stream, Exception failure) {
        try {
            stream.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
