package dev.moat.ui.tenant;

import com.vaadin.flow.component.textfield.IntegerField;
import dev.moat.ratelimit.Limits;
import java.util.List;

/** The three limits of a key or a tenant as form fields; an empty field means no limit of that kind. */
final class LimitsFields {

    final IntegerField requestsPerMinute = new IntegerField("Requests per minute");
    final IntegerField tokensPerMinute = new IntegerField("Tokens per minute");
    final IntegerField tokensPerDay = new IntegerField("Tokens per day");

    LimitsFields() {
        requestsPerMinute.setId("limit-requests-per-minute");
        tokensPerMinute.setId("limit-tokens-per-minute");
        tokensPerDay.setId("limit-tokens-per-day");
        for (IntegerField limit : all()) {
            limit.setMin(1);
            limit.setHelperText("Empty: no limit");
        }
    }

    List<IntegerField> all() {
        return List.of(requestsPerMinute, tokensPerMinute, tokensPerDay);
    }

    Limits value() {
        return new Limits(asLong(requestsPerMinute), asLong(tokensPerMinute), asLong(tokensPerDay));
    }

    void show(Limits limits) {
        requestsPerMinute.setValue(asInteger(limits.requestsPerMinute()));
        tokensPerMinute.setValue(asInteger(limits.tokensPerMinute()));
        tokensPerDay.setValue(asInteger(limits.tokensPerDay()));
    }

    private static Long asLong(IntegerField field) {
        return field.getValue() == null ? null : field.getValue().longValue();
    }

    /** Limits set through the API may exceed what an integer field holds; those show as the field's maximum. */
    private static Integer asInteger(Long value) {
        return value == null ? null : (int) Math.min(value, Integer.MAX_VALUE);
    }
}
