package dev.moat.ui.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moat.key.KeyService.NewKey;
import dev.moat.net.Cidr;
import dev.moat.ratelimit.Limits;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class NewKeyFormTest {

    private final NewKeyForm form = new NewKeyForm();
    private final AtomicReference<NewKey> created = new AtomicReference<>();

    NewKeyFormTest() {
        form.addCreateListener(event -> created.set(event.key()));
    }

    @Test
    void a_filled_form_hands_out_the_new_key() {
        form.name.setValue(" nightly job ");
        form.allowedModels.setValue("llama-3, mistral ,");
        form.ipAllowList.setValue("203.0.113.0/24, 2001:db8::1");
        form.limits.requestsPerMinute.setValue(60);

        form.create.click();

        assertEquals(new NewKey("nightly job", List.of("llama-3", "mistral"),
                List.of(Cidr.parse("203.0.113.0/24"), Cidr.parse("2001:db8::1")), null, new Limits(60L, null, null)),
                created.get());
    }

    @Test
    void a_bad_network_is_shown_on_its_field_and_nothing_is_created() {
        form.name.setValue("job");
        form.ipAllowList.setValue("example.com");

        form.create.click();

        assertNull(created.get());
        assertTrue(form.ipAllowList.isInvalid());
        assertTrue(form.ipAllowList.getErrorMessage().contains("example.com"));
    }

    @Test
    void a_key_needs_a_name() {
        form.create.click();

        assertNull(created.get());
        assertTrue(form.name.isInvalid());
    }
}
