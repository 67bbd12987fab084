package io.cairn.node.admin;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;

import java.util.concurrent.Callable;

/** Runs on one member and returns its {@link MemberReport} as JSON. */
public final class MemberReportTask implements Callable<String>, DataSerializable, HazelcastInstanceAware {

    private transient HazelcastInstance hazelcast;

    /** Creates the task; Hazelcast also calls this before {@link #readData}. */
    public MemberReportTask() {
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    @Override
    public String call() {
        return AdminJson.write(MemberOperations.of(hazelcast).report());
    }

    @Override
    public void writeData(ObjectDataOutput out) {
    }

    @Override
    public void readData(ObjectDataInput in) {
    }
}
