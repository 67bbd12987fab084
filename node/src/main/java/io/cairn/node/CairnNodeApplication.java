package io.cairn.node;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

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
        ConfigurableApplicationContext context = SpringApplication.run(CairnNodeApplication.class, args);
        exitCleanlyOn("TERM", context);
        exitCleanlyOn("INT", context);
    }

    /**
     * Replaces the JVM's default handling of {@code signal}, which exits with 128 plus the signal
     * number, by an orderly close of the application context followed by exit status 0. A node
     * stopped on purpose, which flushed and handed its partitions over, then reports success.
     */
    private static void exitCleanlyOn(String signal, ConfigurableApplicationContext context) {
        Signal.handle(new Signal(signal), received -> new Thread(() -> {
            int status = SpringApplication.exit(context);
            System.exit(status);
        }, "cairn-stop-on-SIG" + signal).start());
    }
}
