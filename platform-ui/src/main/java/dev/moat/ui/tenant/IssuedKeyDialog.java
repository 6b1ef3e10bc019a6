package dev.moat.ui.tenant;

import dev.moat.ui.shell.ShownOnceDialog;

/** Shows a new or rotated key's full text, the only time anyone sees it, with a copy button. */
class IssuedKeyDialog extends ShownOnceDialog {

    /** @param signingSecret the key's request-signing secret, or {@code null} when there is none to show */
    IssuedKeyDialog(String title, String plainKey, String signingSecret) {
        super(title, "close-issued-key");
        withSecret("Copy this key now: Moat keeps only a hash of it and cannot show it again.", "issued-key",
                "API key", plainKey);
        if (signingSecret != null) {
            withSecret("Its signing secret, for tenants that require signed requests (X-Moat-Signature):",
                    "issued-signing-secret", "Signing secret", signingSecret);
        }
    }
}
