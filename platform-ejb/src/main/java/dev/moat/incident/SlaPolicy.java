package dev.moat.incident;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How long a case of each severity may stay unresolved (MOAT_INCIDENTS_SLA_CRITICAL and so on, ISO-8601). */
@ApplicationScoped
public class SlaPolicy {

    private final Map<Severity, Duration> timeToResolve = new EnumMap<>(Severity.class);

    /** For CDI's client proxy only. */
    protected SlaPolicy() {
    }

    @Inject
    public SlaPolicy(@ConfigProperty(name = "moat.incidents.sla.critical", defaultValue = "PT4H") String critical,
                     @ConfigProperty(name = "moat.incidents.sla.high", defaultValue = "PT24H") String high,
                     @ConfigProperty(name = "moat.incidents.sla.medium", defaultValue = "P3D") String medium,
                     @ConfigProperty(name = "moat.incidents.sla.low", defaultValue = "P7D") String low) {
        timeToResolve.put(Severity.CRITICAL, duration("critical", critical));
        timeToResolve.put(Severity.HIGH, duration("high", high));
        timeToResolve.put(Severity.MEDIUM, duration("medium", medium));
        timeToResolve.put(Severity.LOW, duration("low", low));
    }

    public Instant dueAt(Severity severity, Instant openedAt) {
        return openedAt.plus(timeToResolve.get(severity));
    }

    private static Duration duration(String severity, String configured) {
        try {
            Duration parsed = Duration.parse(configured);
            if (parsed.isNegative() || parsed.isZero()) {
                throw new IllegalArgumentException("not positive");
            }
            return parsed;
        } catch (RuntimeException e) {
            throw new IllegalStateException("moat.incidents.sla." + severity + " must be a positive ISO-8601 duration "
                    + "such as PT4H or P3D, got '" + configured + "'", e);
        }
    }
}
