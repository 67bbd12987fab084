package io.cairn.cli.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KvCacheTraceTest {

    private static final String HEADER = "op_time,key,key_size,op,op_count,size,cache_hits,ttl,usecase,sub_usecase";

    @Test
    void sampleHasEveryRequest() {
        List<KvCacheRequest> requests;
        try (KvCacheTrace trace = KvCacheTrace.openSample()) {
            requests = trace.readAll();
        }

        assertThat(requests).hasSize(99);
        assertThat(requests.stream().mapToLong(KvCacheRequest::opCount).sum()).isEqualTo(691);
        assertThat(requests.stream().map(KvCacheRequest::key).distinct().count()).isEqualTo(52);
        Map<KvCacheOp, Long> byOp = requests.stream()
                .collect(Collectors.groupingBy(KvCacheRequest::op, Collectors.counting()));
        assertThat(byOp).containsExactlyInAnyOrderEntriesOf(Map.of(
                KvCacheOp.GET, 51L, KvCacheOp.GET_LEASE, 37L, KvCacheOp.SET, 7L, KvCacheOp.SET_LEASE, 2L,
                KvCacheOp.DELETE, 2L));
    }

    @Test
    void sampleFirstLineParsed() {
        KvCacheRequest first;
        try (KvCacheTrace trace = KvCacheTrace.openSample()) {
            first = trace.next();
        }

        assertThat(first).isEqualTo(new KvCacheRequest(2, 604038471, "82131353f9ddc8c6", KvCacheOp.GET, 1, 87, 0));
    }

    @Test
    void sampleWritesCarryTtl() {
        List<KvCacheRequest> writes;
        try (KvCacheTrace trace = KvCacheTrace.openSample()) {
            writes = trace.readAll().stream().filter(request -> request.op().isWrite()).toList();
        }

        assertThat(writes).hasSize(9);
        assertThat(writes).allSatisfy(write -> assertThat(write.ttlSeconds()).isPositive());
        assertThat(writes.get(0).key()).isEqualTo("828769c1e1ce3a29");
        assertThat(writes.get(0).ttlSeconds()).isEqualTo(7200);
    }

    @Test
    void columnsFoundByName() {
        String csv = "ttl,op,key,size,op_count,op_time\n"
                + "60,SET,abc,12,3,100\n"
                + "0,DELETE,abc,0,1,101\n";

        List<KvCacheRequest> requests = read(csv, KvCacheTrace::readAll);

        assertThat(requests).containsExactly(
                new KvCacheRequest(2, 100, "abc", KvCacheOp.SET, 3, 12, 60),
                new KvCacheRequest(3, 101, "abc", KvCacheOp.DELETE, 1, 0, 0));
    }

    @Test
    void blankLinesSkipped() {
        String csv = HEADER + "\n\n1,k,1,GET,1,0,0,0,1,1\n\n";

        List<KvCacheRequest> requests = read(csv, KvCacheTrace::readAll);

        assertThat(requests).singleElement().extracting(KvCacheRequest::lineNumber).isEqualTo(3L);
    }

    @Test
    void wrongColumnCountNamesLine() {
        String csv = HEADER + "\n1,k,1,GET,1,0,0,0,1,1\n2,k,1,GET,1,0,0,0,1\n";

        assertThatThrownBy(() -> read(csv, KvCacheTrace::readAll))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("test.csv line 3:")
                .hasMessageContaining("9 columns but the header has 10")
                .extracting(e -> ((TraceFormatException) e).position()).isEqualTo(3L);
    }

    @Test
    void unknownOpNamesLineAndColumn() {
        String csv = HEADER + "\n1,k,1,GET,1,0,0,0,1,1\n2,k,1,GET,1,0,0,0,1,1\n3,k,1,INCR,1,0,0,0,1,1\n";

        assertThatThrownBy(() -> read(csv, KvCacheTrace::readAll))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("test.csv line 4:")
                .hasMessageContaining("column op")
                .hasMessageContaining("'INCR'");
    }

    @Test
    void nonNumericFieldNamesLineAndColumn() {
        String csv = HEADER + "\n1,k,1,GET,x2,0,0,0,1,1\n";

        assertThatThrownBy(() -> read(csv, KvCacheTrace::readAll))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("test.csv line 2:")
                .hasMessageContaining("column op_count is not a whole number: 'x2'");
    }

    @Test
    void negativeTtlNamesLineAndColumn() {
        String csv = HEADER + "\n1,k,1,SET,1,10,0,-5,1,1\n";

        assertThatThrownBy(() -> read(csv, KvCacheTrace::readAll))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("test.csv line 2:")
                .hasMessageContaining("column ttl is -5");
    }

    @Test
    void zeroOpCountRejected() {
        String csv = HEADER + "\n1,k,1,GET,0,0,0,0,1,1\n";

        assertThatThrownBy(() -> read(csv, KvCacheTrace::readAll))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("test.csv line 2:")
                .hasMessageContaining("column op_count is 0");
    }

    @Test
    void missingHeaderColumnNamed() {
        String csv = "op_time,key,op,op_count,size\n1,k,GET,1,0\n";

        assertThatThrownBy(() -> read(csv, KvCacheTrace::readAll))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("test.csv line 1:")
                .hasMessageContaining("required column ttl");
    }

    @Test
    void emptyInputRejected() {
        assertThatThrownBy(() -> read("", KvCacheTrace::readAll))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("test.csv line 1:")
                .hasMessageContaining("header is missing");
    }

    private static <T> T read(String csv, Function<KvCacheTrace, T> action) {
        try (KvCacheTrace trace = KvCacheTrace.open("test.csv", new StringReader(csv))) {
            return action.apply(trace);
        }
    }
}
