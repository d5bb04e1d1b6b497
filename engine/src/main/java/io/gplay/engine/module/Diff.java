package io.gplay.engine.module;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.gplay.engine.connection.HostText;

import java.util.Arrays;
import java.util.List;

/**
 * The before and after of what one change touches (a file's text, a volume's settings, the live rules),
 * rendered as a unified diff labelled with that thing's name; a byte that is not UTF-8 shows as {@code \xNN}.
 */
public record Diff(String label, String before, String after) {
    public String unified() {
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<String> out = UnifiedDiffUtils.generateUnifiedDiff("before: " + label, "after: " + label, a,
                DiffUtils.diff(a, b), 3);
        return String.join("\n", out);
    }

    private static List<String> lines(String s) {
        if (s == null || s.isEmpty()) {
            return List.of();
        }
        String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s + "\n\\ No newline at end of file";
        return Arrays.asList(HostText.visible(body).split("\n", -1));
    }
}
