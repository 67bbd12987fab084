package io.cairn.session.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.session.FlushMode;
import org.springframework.session.SaveMode;

import java.time.Duration;

/**
 * Settings under {@code cairn.session}: how the Spring Session repository saves sessions.
 *
 * @param maxInactiveInterval idle time after which a new session expires, default 30 minutes;
 *     negative for never
 * @param flushMode when changes are sent: {@code on-save} (default) or {@code immediate}
 * @param saveMode which attributes a save sends: {@code on-set-attribute} (default),
 *     {@code on-get-attribute} or {@code always}
 */
@ConfigurationProperties("cairn.session")
public record CairnSessionProperties(Duration maxInactiveInterval, FlushMode flushMode, SaveMode saveMode) {

    public CairnSessionProperties {
        if (maxInactiveInterval == null) {
            maxInactiveInterval = Duration.ofMinutes(30);
        }
        if (flushMode == null) {
            flushMode = FlushMode.ON_SAVE;
        }
        if (saveMode == null) {
            saveMode = SaveMode.ON_SET_ATTRIBUTE;
        }
    }
}
