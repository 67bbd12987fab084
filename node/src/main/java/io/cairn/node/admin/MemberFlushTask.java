package io.cairn.node.admin;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;

/** Runs on one member, writes the dirty entries it owns, and returns its {@link MemberOperations.MemberFlush} as JSON. */
public final class MemberFlushTask implements Callable<String>, DataSerializable, HazelcastInstanceAware {

    private long timeoutMillis;
    private transient HazelcastInstance hazelcast;

    /** Creates an empty task; Hazelcast calls this before {@link #readData}. */
    public MemberFlushTask() {
    }

    MemberFlushTask(Duration timeout) {
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    @Override
    public String call() {
        return AdminJson.write(MemberOperations.of(hazelcast).flush(Duration.ofMillis(timeoutMillis)));
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(timeoutMillis);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        timeoutMillis = in.readLong();
    }
}
