package dev.moat.incident;

import dev.moat.incident.IncidentService.CaseFile;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The readable part of an evidence pack: one self-contained HTML page, every text escaped. */
final class EvidenceReport {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private EvidenceReport() {
    }

    static String html(CaseFile file, String generatedBy, Instant generatedAt, String chainHead, String publicKey) {
        Incident incident = file.incident();
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s — evidence report</title>
                <style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}
                table{border-collapse:collapse;width:100%%}td,th{border:1px solid #ccc;padding:.3em;vertical-align:top;
                text-align:left}pre{white-space:pre-wrap;margin:0}code{word-break:break-all}</style></head><body>
                """.formatted(escape(incident.id().toString())));
        html.append("<h1>").append(escape(incident.id() + " · " + incident.title())).append("</h1>")
                .append("<p>Severity <b>").append(escape(incident.severity().name().toLowerCase()))
                .append("</b>, status <b>").append(escape(incident.status().name().toLowerCase()))
                .append("</b>, tenant <b>").append(escape(incident.tenantId() == null ? "all" : incident.tenantId()))
                .append("</b>. Opened ").append(WHEN.format(incident.createdAt())).append(" by ")
                .append(escape(incident.createdBy())).append(".</p>")
                .append("<pre>").append(escape(incident.description())).append("</pre>");
        html.append("<h2>Observables</h2><table><tr><th>Kind</th><th>Value</th></tr>");
        incident.observables().forEach(o -> html.append("<tr><td>").append(escape(o.kind().name().toLowerCase()))
                .append("</td><td><code>").append(escape(o.value())).append("</code></td></tr>"));
        html.append("</table><h2>Evidence</h2>");
        for (Evidence evidence : file.evidence()) {
            html.append("<h3>").append(escape(WHEN.format(evidence.addedAt()) + " · " + evidence.summary()))
                    .append("</h3><pre>").append(escape(evidence.detail())).append("</pre>");
        }
        html.append("<h2>Timeline</h2><table><tr><th>When</th><th>Who</th><th>What</th><th>Text</th></tr>");
        for (TimelineEntry entry : file.timeline()) {
            html.append("<tr><td>").append(WHEN.format(entry.occurredAt())).append("</td><td>")
                    .append(escape(entry.actor())).append("</td><td>").append(escape(entry.kind().name().toLowerCase()))
                    .append("</td><td><pre>").append(escape(entry.body())).append("</pre></td></tr>");
        }
        html.append("</table><h2>Integrity</h2><p>Generated ").append(WHEN.format(generatedAt)).append(" by ")
                .append(escape(generatedBy)).append(". Every item above is chained by SHA-256 in chain.txt; the chain ")
                .append("ends in <code>").append(chainHead).append("</code>. chain.txt also fixes the SHA-256 of ")
                .append("this report and of case.json, and is signed with Moat's Ed25519 key <code>")
                .append(escape(publicKey)).append("</code>. Check it with <code>ops/evidence/verify-pack.sh</code>.")
                .append("</p></body></html>\n");
        return html.toString();
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
