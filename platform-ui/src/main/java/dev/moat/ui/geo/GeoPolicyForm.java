package dev.moat.ui.geo;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.moat.domain.DomainRuleViolation;
import dev.moat.geo.GeoRules;
import dev.moat.geo.GeoRules.CountryMode;
import dev.moat.net.Cidr;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** A tenant's geo-fence as form fields; {@link #value()} reads them back as rules, or says which field is wrong. */
class GeoPolicyForm extends FormLayout {

    final RadioButtonGroup<CountryMode> countryMode = new RadioButtonGroup<>("Countries");
    final MultiSelectComboBox<Country> countries = new MultiSelectComboBox<>("Listed countries");
    final TextField deniedAsns = new TextField("Denied networks (AS numbers)", "none");
    final TextField deniedNetworks = new TextField("Denied address ranges (CIDR)", "none");
    final Checkbox denyAnonymous = new Checkbox("Deny anonymising networks (VPN, proxy, Tor)");
    final Checkbox denyHosting = new Checkbox("Deny hosting providers");
    final Checkbox denyUnknownLocation = new Checkbox("Deny addresses whose country is unknown");
    final Checkbox checkTravel = new Checkbox("Check impossible travel of each key");
    final IntegerField travelKmh = new IntegerField("Fastest plausible travel (km/h)");
    final Checkbox blockTravel = new Checkbox("Block impossible travel (otherwise only flag it)");

    GeoPolicyForm() {
        countryMode.setId("geo-country-mode");
        countryMode.setItems(CountryMode.values());
        countryMode.setItemLabelGenerator(mode -> switch (mode) {
            case ANY -> "Any country";
            case ALLOW_LISTED -> "Only the listed countries";
            case DENY_LISTED -> "All but the listed countries";
        });
        countries.setId("geo-countries");
        countries.setItems(Country.ALL);
        countries.setItemLabelGenerator(Country::label);
        countries.setPlaceholder("Type a country name or code");
        countries.setHelperText("Ignored when any country is allowed");
        deniedAsns.setId("geo-denied-asns");
        deniedAsns.setHelperText("Comma-separated, for example 16509, 14061; needs an ASN database");
        deniedNetworks.setId("geo-denied-networks");
        deniedNetworks.setHelperText("Comma-separated, for example 203.0.113.0/24, 2001:db8::/32");
        denyAnonymous.setId("geo-deny-anonymous");
        denyHosting.setId("geo-deny-hosting");
        denyUnknownLocation.setId("geo-deny-unknown");
        checkTravel.setId("geo-check-travel");
        travelKmh.setId("geo-travel-kmh");
        travelKmh.setMin(1);
        travelKmh.setHelperText("A passenger jet flies about 900 km/h");
        blockTravel.setId("geo-block-travel");
        checkTravel.addValueChangeListener(change -> {
            travelKmh.setEnabled(change.getValue());
            blockTravel.setEnabled(change.getValue());
        });
        countryMode.addValueChangeListener(change -> countries.setEnabled(change.getValue() != CountryMode.ANY));
        add(countryMode, countries, deniedAsns, deniedNetworks, denyAnonymous, denyHosting, denyUnknownLocation,
                checkTravel, travelKmh, blockTravel);
        setColspan(countryMode, 2);
        setColspan(countries, 2);
        show(GeoRules.OPEN);
    }

    void show(GeoRules rules) {
        countryMode.setValue(rules.countryMode());
        countries.setValue(rules.countries().stream().map(Country::of).collect(Collectors.toSet()));
        deniedAsns.setValue(rules.deniedAsns().stream().sorted().map(String::valueOf).collect(Collectors.joining(", ")));
        deniedNetworks.setValue(String.join(", ", rules.deniedNetworks().stream().sorted().toList()));
        denyAnonymous.setValue(rules.denyAnonymous());
        denyHosting.setValue(rules.denyHosting());
        denyUnknownLocation.setValue(rules.denyUnknownLocation());
        checkTravel.setValue(rules.impossibleTravelKmh() != null);
        travelKmh.setValue(rules.impossibleTravelKmh() == null ? GeoRules.OPEN.impossibleTravelKmh() : rules.impossibleTravelKmh());
        blockTravel.setValue(rules.blockImpossibleTravel());
        travelKmh.setEnabled(checkTravel.getValue());
        blockTravel.setEnabled(checkTravel.getValue());
    }

    /**
     * The rules the fields describe.
     *
     * @throws DomainRuleViolation naming the wrong field, which is marked invalid too
     */
    GeoRules value() {
        deniedAsns.setInvalid(false);
        travelKmh.setInvalid(false);
        if (countryMode.getValue() == CountryMode.ALLOW_LISTED && countries.getValue().isEmpty()) {
            throw invalid(countries, "List at least one country, or nobody may use the keys");
        }
        Set<Long> asns;
        try {
            asns = Arrays.stream(deniedAsns.getValue().split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> s.toUpperCase(Locale.ROOT).startsWith("AS") ? s.substring(2) : s)
                    .map(Long::valueOf).collect(Collectors.toSet());
        } catch (NumberFormatException e) {
            throw invalid(deniedAsns, "AS numbers are whole numbers such as 16509 or AS16509");
        }
        Set<String> networks = Arrays.stream(deniedNetworks.getValue().split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        try {
            networks.forEach(Cidr::parse);
            deniedNetworks.setInvalid(false);
        } catch (DomainRuleViolation e) {
            throw invalid(deniedNetworks, e.getMessage());
        }
        if (checkTravel.getValue() && (travelKmh.getValue() == null || travelKmh.getValue() < 1)) {
            throw invalid(travelKmh, "Give a speed of at least 1 km/h, or turn the check off");
        }
        return new GeoRules(countryMode.getValue(),
                countries.getValue().stream().map(Country::code).collect(Collectors.toSet()), asns,
                denyAnonymous.getValue(), denyHosting.getValue(), denyUnknownLocation.getValue(),
                checkTravel.getValue() ? travelKmh.getValue() : null, checkTravel.getValue() && blockTravel.getValue(),
                networks);
    }

    void setEditable(boolean editable) {
        for (HasValue<?, ?> field : List.<HasValue<?, ?>>of(countryMode, countries, deniedAsns, deniedNetworks,
                denyAnonymous, denyHosting, denyUnknownLocation, checkTravel, travelKmh, blockTravel)) {
            field.setReadOnly(!editable);
        }
    }

    private static DomainRuleViolation invalid(HasValidation field, String message) {
        field.setInvalid(true);
        field.setErrorMessage(message);
        return new DomainRuleViolation(message);
    }
}
