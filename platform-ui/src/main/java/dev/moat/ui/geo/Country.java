package dev.moat.ui.geo;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** A country as operators pick it: its English name, with the ISO 3166 code that policies store. */
public record Country(String code, String name) {

    static final List<Country> ALL = Arrays.stream(Locale.getISOCountries())
            .map(Country::of)
            .sorted(Comparator.comparing(Country::name))
            .toList();

    static Country of(String code) {
        String name = Locale.of("", code).getDisplayCountry(Locale.ENGLISH);
        return new Country(code, name.isBlank() || name.equals(code) ? code : name);
    }

    /** The English name of a country code, for sentences. */
    public static String nameOf(String code) {
        return of(code).name();
    }

    String label() {
        return name + " (" + code + ")";
    }
}
