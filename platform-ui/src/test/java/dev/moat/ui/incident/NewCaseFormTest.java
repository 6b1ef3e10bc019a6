package dev.moat.ui.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moat.incident.IncidentService.NewIncident;
import dev.moat.incident.Observable;
import dev.moat.incident.Severity;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class NewCaseFormTest {

    private final NewCaseForm form = new NewCaseForm(List.of("acme"));
    private final AtomicReference<NewIncident> opened = new AtomicReference<>();

    NewCaseFormTest() {
        form.addOpenListener(event -> opened.set(event.incident()));
    }

    @Test
    void a_filled_form_hands_out_the_case_with_its_observables() {
        form.title.setValue(" Sweep over coding tasks ");
        form.severity.setValue(Severity.HIGH);
        form.tenant.setValue("acme");
        form.keys.setValue("abcdefghij12");
        form.addresses.setValue("203.0.113.7, 198.51.100.0/24");

        form.open.click();

        NewIncident incident = opened.get();
        assertEquals("Sweep over coding tasks", incident.title());
        assertEquals(Severity.HIGH, incident.severity());
        assertEquals("acme", incident.tenantId());
        assertEquals(List.of(new Observable(Observable.Kind.API_KEY, "abcdefghij12"),
                new Observable(Observable.Kind.CLIENT_ADDRESS, "203.0.113.7"),
                new Observable(Observable.Kind.NETWORK, "198.51.100.0/24")), incident.observables());
    }

    @Test
    void a_full_api_key_is_refused_on_its_field_so_no_secret_is_stored() {
        form.title.setValue("Leaked key");
        form.keys.setValue("moat_abcdefghij12_s3cr3t");

        form.open.click();

        assertNull(opened.get());
        assertTrue(form.keys.isInvalid());
    }

    @Test
    void a_case_needs_a_title() {
        form.open.click();

        assertNull(opened.get());
        assertTrue(form.title.isInvalid());
    }
}
