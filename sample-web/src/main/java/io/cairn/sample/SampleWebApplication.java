package io.cairn.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Spring MVC application whose HTTP sessions live in Cairn. Start it with
 * {@code --cairn.client.members=127.0.0.1:5701 --cairn.client.cluster-name=<name>}; the
 * cairn-session-spring auto-configuration does the rest.
 */
@SpringBootApplication
public class SampleWebApplication {

    /**
     * Name of the application's own settings files ({@code sample-web.properties}), so that it never
     * reads the {@code application.*} files of other modules on the class path, such as the node's.
     */
    public static final String CONFIG_NAME = "sample-web";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(SampleWebApplication.class);
        application.setDefaultProperties(java.util.Map.of("spring.config.name", CONFIG_NAME));
        application.run(args);
    }
}
