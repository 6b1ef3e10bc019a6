package dev.moat.ui.watermark;

import static dev.moat.security.Role.AUDITOR;
import static dev.moat.security.Role.PLATFORM_ADMIN;
import static dev.moat.security.Role.SECURITY_OPERATOR;
import static dev.moat.security.Role.TENANT_ADMIN;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.moat.domain.DomainRuleViolation;
import dev.moat.domain.NotFound;
import dev.moat.incident.Evidence;
import dev.moat.incident.IncidentId;
import dev.moat.incident.IncidentService;
import dev.moat.key.ApiKey;
import dev.moat.key.KeyService;
import dev.moat.security.CurrentCaller;
import dev.moat.security.MoatPrincipal;
import dev.moat.tenant.Tenant;
import dev.moat.tenant.TenantId;
import dev.moat.tenant.TenantService;
import dev.moat.ui.shell.MainLayout;
import dev.moat.watermarking.WatermarkService;
import dev.moat.watermarking.WatermarkSettings;
import dev.moat.watermarking.WatermarkVerifier;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Each tenant's response watermarking, and the verification of suspect text against every tenant's secrets. */
@Route(value = "watermarks", layout = MainLayout.class)
@PageTitle("Watermarks · Moat")
@Menu(title = "Watermarks", order = 6, icon = "vaadin:drop")
@RolesAllowed({PLATFORM_ADMIN, SECURITY_OPERATOR, AUDITOR, TENANT_ADMIN})
public class WatermarksView extends VerticalLayout {

    private static final int MAX_CHARACTERS = 10_000_000;
    private static final String INHERIT = "as the tenant";
    private static final List<String> OVERRIDE_CHOICES = List.of(INHERIT, "off", "lexical", "invisible", "both");
    /** Separates the texts of a corpus pasted into one box. */
    private static final String TEXT_SEPARATOR = "\n---\n";

    private final WatermarkService watermarks;
    private final WatermarkVerifier verifier;
    private final KeyService keys;
    private final MoatPrincipal caller;
    private final ComboBox<Tenant> tenant = new ComboBox<>("Tenant");
    private final Checkbox lexical = new Checkbox("Lexical watermark (word choices; survives paraphrase and distillation)");
    private final Checkbox invisible = new Checkbox("Invisible mark (names tenant and key in verbatim copies; easy to strip)");
    private final IntegerField strength = new IntegerField("Strength (% of word positions marked)");
    private final Span secretVersions = new Span();
    private final Grid<ApiKey> keyOverrides = new Grid<>();
    /** The override chosen for each key on screen: "inherit" or a scheme's name. */
    private final Map<String, Select<String>> overrideOf = new LinkedHashMap<>();
    private final Button save = new Button("Save");
    private final Button rotate = new Button("Rotate secret…");
    private final TextArea suspect = new TextArea("Suspect text");
    private final Checkbox knownOutputs = new Checkbox("Only positions Moat recorded as marked (known outputs)");
    private final Span verdict = new Span();
    private final Paragraph explanation = new Paragraph();
    private final Grid<WatermarkVerifier.Candidate> candidates = new Grid<>();
    private final List<String> uploaded = new ArrayList<>();
    private final Span uploadedSummary = new Span();
    private final Button verifyButton = new Button("Verify");
    private final ProgressBar progress = new ProgressBar();
    private final TextField caseId = new TextField("Case");
    private final Button attach = new Button("Attach to case");
    private WatermarkVerifier.Verification lastResult;
    private final boolean mayEdit;
    private final IncidentService incidents;

    @Resource
    private ManagedExecutorService background;

    @Inject
    public WatermarksView(WatermarkService watermarks, WatermarkVerifier verifier, KeyService keys,
                          IncidentService incidents, TenantService tenants, CurrentCaller currentCaller) {
        this.watermarks = watermarks;
        this.incidents = incidents;
        this.verifier = verifier;
        this.keys = keys;
        this.caller = currentCaller.principal();
        this.mayEdit = Arrays.stream(new String[] {PLATFORM_ADMIN, SECURITY_OPERATOR, TENANT_ADMIN})
                .anyMatch(caller.roles()::contains);
        H2 title = new H2("Watermarks");
        title.setId("view-title");
        add(title, settingsPanel(tenants), verifyPanel());
        setMaxWidth("70em");
        caller.tenant().flatMap(own -> tenants.list().stream().filter(t -> t.id().value().equals(own)).findFirst())
                .ifPresent(tenant::setValue);
    }

    private VerticalLayout settingsPanel(TenantService tenants) {
        tenant.setId("watermark-tenant");
        tenant.setItems(tenants.list().stream().filter(t -> caller.maySee(t.id().value())).toList());
        tenant.setItemLabelGenerator(t -> t.name() + " (" + t.id() + ")");
        tenant.setPlaceholder("Choose a tenant");
        tenant.setWidth("24em");
        tenant.addValueChangeListener(change -> load(change.getValue()));
        lexical.setId("watermark-lexical");
        invisible.setId("watermark-invisible");
        strength.setId("watermark-strength");
        strength.setMin(1);
        strength.setMax(100);
        strength.setStepButtonsVisible(true);
        strength.setHelperText("Fewer positions change fewer words but give less evidence; a new strength starts a "
                + "new secret version.");
        secretVersions.setId("watermark-secret-versions");
        save.setId("watermark-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> save(false));
        rotate.setId("watermark-rotate");
        rotate.addClickListener(click -> {
            ConfirmDialog confirm = new ConfirmDialog("Rotate the watermark secret?", "New answers are marked with a "
                    + "new secret version; older versions stay, so texts marked before still verify.", "Rotate",
                    event -> save(true));
            confirm.setCancelable(true);
            confirm.open();
        });
        keyOverrides.setId("watermark-key-overrides");
        keyOverrides.addColumn(key -> key.id().value()).setHeader("Key");
        keyOverrides.addColumn(ApiKey::name).setHeader("Name");
        keyOverrides.addComponentColumn(key -> overrideOf.get(key.id().value())).setHeader("Watermarks for this key");
        keyOverrides.setAllRowsVisible(true);
        VerticalLayout settings = new VerticalLayout(lexical, invisible, strength, secretVersions, keyOverrides,
                new HorizontalLayout(save, rotate));
        settings.setPadding(false);
        settings.setVisible(false);
        tenant.addValueChangeListener(change -> settings.setVisible(change.getValue() != null));
        VerticalLayout panel = new VerticalLayout(new Paragraph("Moat rewrites some words of each answer with "
                + "synonyms that the tenant's secret chooses, so that a model trained on the answers can later be shown "
                + "to have learned from them. Code, URLs, numbers, quotations and names are never touched."), tenant,
                settings);
        panel.setPadding(false);
        return panel;
    }

    private VerticalLayout verifyPanel() {
        suspect.setId("watermark-suspect");
        suspect.setWidthFull();
        suspect.setMinHeight("12em");
        suspect.setHelperText("One text, or many separated by a line with three dashes (---): a corpus of a suspect "
                + "model's outputs. Up to 10 million characters.");
        suspect.setMaxLength(MAX_CHARACTERS);
        knownOutputs.setId("watermark-known-outputs");
        Upload upload = new Upload(UploadHandler.inMemory((metadata, data) -> addFile(metadata.fileName(), data)));
        upload.setId("watermark-upload");
        upload.setAcceptedFileTypes(".txt", ".jsonl", "text/plain");
        upload.setMaxFileSize(MAX_CHARACTERS * 4);
        upload.setDropLabel(new Span("Or drop text files here: .txt (one text each) or .jsonl (a text per line)"));
        uploadedSummary.setId("watermark-uploaded");
        Button clear = new Button("Clear files", click -> {
            uploaded.clear();
            uploadedSummary.setText("");
            upload.clearFileList();
        });
        verifyButton.addClickListener(click -> verify());
        verifyButton.setId("watermark-verify");
        verifyButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        progress.setId("watermark-progress");
        progress.setVisible(false);
        verdict.setId("watermark-verdict");
        verdict.getElement().getThemeList().add("badge");
        explanation.setId("watermark-explanation");
        candidates.setId("watermark-candidates");
        candidates.addColumn(WatermarkVerifier.Candidate::tenantId).setHeader("Tenant");
        candidates.addColumn(WatermarkVerifier.Candidate::secretVersion).setHeader("Secret version");
        candidates.addColumn(WatermarkVerifier.Candidate::positions).setHeader("Positions");
        candidates.addColumn(c -> String.format(Locale.ROOT, "%.0f of %.0f", c.matches(), c.expected()))
                .setHeader("Matches (chance)");
        candidates.addColumn(c -> String.format(Locale.ROOT, "%.2f", c.z())).setHeader("z");
        candidates.addColumn(c -> String.format(Locale.ROOT, "%.1e", c.correctedPValue())).setHeader("p (corrected)");
        candidates.addColumn(c -> c.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' ')).setHeader("Verdict");
        candidates.setAllRowsVisible(true);
        candidates.setVisible(false);
        HorizontalLayout actions = new HorizontalLayout(verifyButton, knownOutputs);
        actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        HorizontalLayout files = new HorizontalLayout(uploadedSummary, clear);
        files.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        caseId.setId("watermark-case");
        caseId.setPlaceholder("MOAT-12");
        attach.setId("watermark-attach");
        attach.addClickListener(click -> attachToCase());
        HorizontalLayout evidence = new HorizontalLayout(caseId, attach);
        evidence.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        // attaching evidence changes a case: for the roles that may (as in the REST API)
        evidence.setVisible(caller.roles().contains(PLATFORM_ADMIN) || caller.roles().contains(SECURITY_OPERATOR));
        attach.setEnabled(false);
        VerticalLayout panel = new VerticalLayout(new H3("Verify suspect text"), suspect, upload, files, actions,
                progress, verdict, explanation, candidates, evidence);
        panel.setPadding(false);
        return panel;
    }

    private void load(Tenant chosen) {
        if (chosen == null) {
            return;
        }
        WatermarkService.TenantWatermark current = watermarks.read(chosen.id());
        lexical.setValue(current.settings().lexical());
        invisible.setValue(current.settings().invisible());
        strength.setValue(current.settings().strength());
        showVersions(current);
        for (var field : List.of(lexical, invisible)) {
            field.setReadOnly(!mayEdit);
        }
        strength.setReadOnly(!mayEdit);
        save.setVisible(mayEdit);
        rotate.setVisible(mayEdit && current.secretVersion() > 0);
        overrideOf.clear();
        List<ApiKey> tenantKeys = keys.list(chosen.id());
        for (ApiKey key : tenantKeys) {
            Select<String> choice = new Select<>();
            choice.setId("override-" + key.id().value());
            choice.setItems(OVERRIDE_CHOICES);
            WatermarkSettings.Scheme override = current.settings().keyOverrides().get(key.id().value());
            choice.setValue(override == null ? INHERIT : override.name().toLowerCase(Locale.ROOT));
            choice.setReadOnly(!mayEdit);
            overrideOf.put(key.id().value(), choice);
        }
        keyOverrides.setItems(tenantKeys);
    }

    private Map<String, WatermarkSettings.Scheme> chosenOverrides() {
        Map<String, WatermarkSettings.Scheme> overrides = new LinkedHashMap<>();
        overrideOf.forEach((keyId, choice) -> {
            if (!INHERIT.equals(choice.getValue())) {
                overrides.put(keyId, WatermarkSettings.Scheme.valueOf(choice.getValue().toUpperCase(Locale.ROOT)));
            }
        });
        return overrides;
    }

    private void showVersions(WatermarkService.TenantWatermark current) {
        secretVersions.setText(current.secretVersions().isEmpty() ? "No secret yet: one is generated when "
                + "watermarking is turned on." : "Secret in use: version " + current.secretVersion() + " (versions: "
                + current.secretVersions().stream().map(v -> "v" + v.version() + " of " + v.createdAt().toString()
                .substring(0, 10) + " at " + v.strength() + "%").collect(Collectors.joining(", "))
                + "). Secrets are never shown.");
    }

    private void save(boolean rotateSecret) {
        Tenant chosen = tenant.getValue();
        try {
            WatermarkService.TenantWatermark saved = watermarks.replace(chosen.id(), new WatermarkSettings(
                    lexical.getValue(), invisible.getValue(), strength.getValue() == null ? 100 : strength.getValue(),
                    chosenOverrides()), rotateSecret);
            showVersions(saved);
            rotate.setVisible(saved.secretVersion() > 0);
            Notification.show(rotateSecret ? "New watermark secret v" + saved.secretVersion() + " in use"
                    : "Watermarking of " + chosen.name() + " saved").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (DomainRuleViolation e) {
            Notification.show(e.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    /** A .txt file is one text; a .jsonl file has one per line (a JSON string, or an object's text field). */
    private void addFile(String name, byte[] data) {
        String content = new String(data, StandardCharsets.UTF_8);
        List<String> texts = name.endsWith(".jsonl") ? SuspectFiles.jsonLines(content) : List.of(content);
        long characters = uploaded.stream().mapToLong(String::length).sum() + texts.stream().mapToLong(String::length).sum();
        if (characters > MAX_CHARACTERS) {
            Notification.show("Files beyond 10 million characters in all are not read: " + name)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return;
        }
        uploaded.addAll(texts);
        uploadedSummary.setText(String.format(Locale.ROOT, "%,d text(s) from files, %,d characters", uploaded.size(),
                characters));
    }

    /** Runs in the background with a progress bar: a corpus of millions of characters against many secrets. */
    private void verify() {
        List<String> texts = new ArrayList<>(Arrays.stream(suspect.getValue().split(TEXT_SEPARATOR))
                .filter(t -> !t.isBlank()).toList());
        texts.addAll(uploaded);
        if (texts.isEmpty()) {
            suspect.setInvalid(true);
            suspect.setErrorMessage("Paste the suspect text or drop files first");
            return;
        }
        suspect.setInvalid(false);
        Optional<TenantId> only = caller.tenant().map(TenantId::new);
        boolean known = knownOutputs.getValue();
        UI ui = UI.getCurrent();
        verifyButton.setEnabled(false);
        progress.setValue(0);
        progress.setVisible(true);
        ui.setPollInterval(500);
        double[] shown = {0};
        background.execute(() -> {
            try {
                WatermarkVerifier.Verification result = verifier.verify(texts, only, known,
                        id -> keys.list(id).stream().map(key -> key.id().value()).toList(), done -> {
                            if (done - shown[0] >= 0.01) {
                                shown[0] = done;
                                ui.access(() -> progress.setValue(done));
                            }
                        });
                ui.access(() -> show(result));
            } catch (RuntimeException e) {
                ui.access(() -> Notification.show("Verification failed: " + e.getMessage())
                        .addThemeVariants(NotificationVariant.LUMO_ERROR));
            } finally {
                ui.access(() -> {
                    progress.setVisible(false);
                    verifyButton.setEnabled(true);
                    ui.setPollInterval(-1);
                });
            }
        });
    }

    /** The last result, as evidence on a case: its verdict and explanation, and every candidate's figures. */
    private void attachToCase() {
        WatermarkVerifier.Verification result = lastResult;
        try {
            incidents.attach(IncidentId.parse(caseId.getValue().strip()), Evidence.Kind.WATERMARK_VERIFICATION,
                    result.evidenceSummary(), result.evidenceDetail());
            caseId.setInvalid(false);
            Notification.show("Attached to " + caseId.getValue().strip()).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (NotFound e) {
            caseId.setInvalid(true);
            caseId.setErrorMessage(e.getMessage());
        }
    }

    private void show(WatermarkVerifier.Verification result) {
        lastResult = result;
        attach.setEnabled(true);
        verdict.setText(switch (result.verdict()) {
            case WATERMARKED -> "Watermarked";
            case NOT_FOUND -> "No watermark found";
            case NOT_ENOUGH_EVIDENCE -> "Not enough evidence";
        });
        verdict.getElement().getThemeList().removeAll(List.of("success", "error", "contrast"));
        verdict.getElement().getThemeList().add(switch (result.verdict()) {
            case WATERMARKED -> "error";
            case NOT_FOUND -> "success";
            case NOT_ENOUGH_EVIDENCE -> "contrast";
        });
        explanation.setText(result.explanation() + String.format(Locale.ROOT, " %d text(s), %d scored positions; "
                + "verdicts hold at a false-positive rate of %.0e.", result.texts(), result.positions(),
                result.falsePositiveRate()));
        candidates.setItems(result.candidates());
        candidates.setVisible(!result.candidates().isEmpty());
    }
}
