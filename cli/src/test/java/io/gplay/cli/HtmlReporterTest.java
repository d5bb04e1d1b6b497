package io.gplay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTML grid tells a failure a rescue took back, and an ignored one, from a failure, in its cells and legend. */
class HtmlReporterTest {
    @TempDir
    Path dir;

    @Test
    void rescuedAndIgnoredFailuresHaveTheirOwnCellsAndDoNotMarkTheHostFailed() throws Exception {
        Path file = dir.resolve("run.html");

        ReportedRun.run(dir, ReportedRun.HANDLED, new HtmlReporter(file));

        String html = Files.readString(file);
        assertTrue(html.contains("<th class=\"host ok\">h1</th>"), html);
        assertTrue(html.contains("<span class=\"rescued\">rescued</span><span class=\"ignored\">ignored</span>"), html);
        assertTrue(html.contains("<td class=\"rescued\" data-host=\"h1\" data-detail=\"d0\" onclick=\"show(this)\">"
                + "rescued</td>"), html);
        assertTrue(html.contains("<td class=\"ignored\" data-host=\"h1\" data-detail=\"d2\" onclick=\"show(this)\">"
                + "ignored</td>"), html);
        assertTrue(html.contains("failed, rescued by its block: broken</template>"), html);
        assertTrue(html.contains("failed, ignored: not there</template>"), html);
        assertFalse(html.contains("<td class=\"failed\""), html);
    }
}
