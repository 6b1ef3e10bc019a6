package dev.moat.ui.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moat.usage.UsageRepository.UsageBucket;
import dev.moat.usage.UsageTimeline;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class UsageChartTest {

    private static final Instant TEN = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void draws_a_scalable_svg_with_both_series_and_their_legend() throws Exception {
        UsageTimeline timeline = new UsageTimeline(Duration.ofMinutes(1), List.of(
                new UsageBucket(TEN, 12, 3, 400, 900),
                new UsageBucket(TEN.plusSeconds(60), 0, 0, 0, 0),
                new UsageBucket(TEN.plusSeconds(120), 5, 0, 100, 300)));

        String svg = UsageChart.svg(timeline);

        Document document = parse(svg);
        assertEquals("svg", document.getDocumentElement().getTagName());
        assertEquals("0.0 0.0 960.0 320.0", document.getDocumentElement().getAttribute("viewBox"));
        assertEquals("", document.getDocumentElement().getAttribute("width"), "scales to its container");
        assertTrue(svg.contains("Requests answered") && svg.contains("Requests refused"), "legend of the bars");
        assertTrue(svg.contains("Tokens (prompt + completion)"), "legend of the line");
        assertTrue(svg.contains("10:01"), "time axis in UTC");
    }

    @Test
    void an_empty_range_still_draws_axes() throws Exception {
        UsageTimeline quiet = new UsageTimeline(Duration.ofMinutes(1),
                List.of(new UsageBucket(TEN, 0, 0, 0, 0), new UsageBucket(TEN.plusSeconds(60), 0, 0, 0, 0)));

        assertEquals("svg", parse(UsageChart.svg(quiet)).getDocumentElement().getTagName());
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }
}
