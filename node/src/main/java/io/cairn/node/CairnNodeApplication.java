package io.cairn.node;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Cairn node: one Hazelcast member with write-behind to PostgreSQL, health and metrics.
 *
 * <p>Settings come from the YAML file named by {@code --cairn.config=PATH} and from {@code CAIRN_*}
 * environment variables; without a file, the local defaults apply.
 */
@SpringBootApplication
public class CairnNodeApplication {

    public static void main(String[] args) {
        // Hazelcast reads this property when the first member class loads; it must never report home.
        System.setProperty("hazelcast.phone.home.enabled", "false");
        SpringApplication.run(CairnNodeApplication.class, args);
    }
}
