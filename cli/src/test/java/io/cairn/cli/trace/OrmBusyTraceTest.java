package io.cairn.cli.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class OrmBusyTraceTest {

    @Test
    void bundledTraceHasAllRequestsAndKeys() {
        long requests = 0;
        Set<Integer> distinct = new HashSet<>();
        int[] keys = new int[10_000];
        try (OrmBusyTrace trace = OrmBusyTrace.openBundled()) {
            for (int count = trace.read(keys); count > 0; count = trace.read(keys)) {
                requests += count;
                for (int i = 0; i < count; i++) {
                    distinct.add(keys[i]);
                }
            }
            assertThat(trace.requestsRead()).isEqualTo(OrmBusyTrace.REQUESTS);
        }

        assertThat(requests).isEqualTo(OrmBusyTrace.REQUESTS);
        assertThat(distinct).hasSize(OrmBusyTrace.DISTINCT_KEYS);
    }

    @Test
    void bundledTraceIsBigEndian() {
        int[] keys = new int[4];
        try (OrmBusyTrace trace = OrmBusyTrace.openBundled()) {
            assertThat(trace.read(keys)).isEqualTo(4);
        }

        // The first bytes of the decompressed file are f0 00 00 01 88 00 02 00 88 00 04 00 88 00 06 00.
        assertThat(keys).containsExactly(0xf0000001, 0x88000200, 0x88000400, 0x88000600);
    }

    @Test
    void bundledTraceUsesFewHighBytes() {
        BitSet highBytes = new BitSet(256);
        BitSet lowBytes = new BitSet(256);
        int[] keys = new int[10_000];
        try (OrmBusyTrace trace = OrmBusyTrace.openBundled()) {
            for (int count = trace.read(keys); count > 0; count = trace.read(keys)) {
                for (int i = 0; i < count; i++) {
                    highBytes.set(keys[i] >>> 24);
                    lowBytes.set(keys[i] & 0xff);
                }
            }
        }

        assertThat(highBytes.cardinality()).isEqualTo(56);
        assertThat(lowBytes.cardinality()).isEqualTo(256);
    }

    @Test
    void readReturnsZeroAtEnd() throws IOException {
        byte[] compressed = xz(new byte[] {0, 0, 0, 7, (byte) 0x80, 0, 0, 0});
        int[] keys = new int[16];
        try (OrmBusyTrace trace = OrmBusyTrace.open("two.xz", new ByteArrayInputStream(compressed))) {
            assertThat(trace.read(keys)).isEqualTo(2);
            assertThat(keys[0]).isEqualTo(7);
            assertThat(keys[1]).isEqualTo(Integer.MIN_VALUE);
            assertThat(trace.read(keys)).isZero();
        }
    }

    @Test
    void truncatedRecordNamesOffset() throws IOException {
        byte[] compressed = xz(new byte[] {0, 0, 0, 1, 0, 0});
        int[] keys = new int[16];
        try (OrmBusyTrace trace = OrmBusyTrace.open("cut.xz", new ByteArrayInputStream(compressed))) {
            assertThatThrownBy(() -> trace.read(keys))
                    .isInstanceOf(TraceFormatException.class)
                    .hasMessageContaining("cut.xz")
                    .hasMessageContaining("at byte 4")
                    .hasMessageContaining("2 of 4 bytes");
        }
    }

    @Test
    void plainBytesAreRejected() {
        byte[] notXz = {0, 0, 0, 1, 0, 0, 0, 2};

        assertThatThrownBy(() -> OrmBusyTrace.open("plain.bin", new ByteArrayInputStream(notXz)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("plain.bin");
    }

    private static byte[] xz(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XZOutputStream out = new XZOutputStream(bytes, new LZMA2Options())) {
            out.write(plain);
        }
        return bytes.toByteArray();
    }
}
