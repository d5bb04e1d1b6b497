package io.gplay.modules.ovirt;

import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Diff;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.shell.Cmd;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** An answer file of setup's ({@code --config-append}): its text, its diff without secrets, and its writing on the host. */
final class AnswerFile {
    private static final String MASK = "********";
    /** Keys whose values are secrets: masked in every diff and never put in a result. */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|passwd|pwd).*");

    private AnswerFile() {
    }

    static String render(Map<String, String> answers) {
        StringBuilder b = new StringBuilder("# written by gplay's hostedEngine module for hosted-engine --deploy --config-append;\n"
                + "# the other answers go through setup's dialog\n");
        b.append("[environment:default]\n");
        answers.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.toString();
    }

    /** The answer file with every secret value replaced by ********, its otopi type kept. */
    static String mask(String content) {
        if (content == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (String line : content.split("(?<=\n)")) {
            int eq = line.indexOf('=');
            if (eq > 0 && SECRET_KEY.matcher(line.substring(0, eq)).matches()) {
                String value = line.substring(eq + 1);
                int colon = value.indexOf(':');
                String type = colon > 0 && value.substring(0, colon).matches("[a-z]+") ? value.substring(0, colon + 1) : "";
                b.append(line, 0, eq + 1).append(type).append(MASK).append(line.endsWith("\n") ? "\n" : "");
            } else {
                b.append(line);
            }
        }
        return b.toString();
    }

    /**
     * An answer file on the host, mode 0600, written when its content differs (its diff as {@code shown} shows
     * it; {@code about}, when given, says what the file is), its mode set when only that differs.
     */
    static void write(ModuleContext ctx, String path, String content, UnaryOperator<String> shown, String about)
            throws Exception {
        RemoteFile cur = ctx.stat(path);
        if (cur.exists() && !cur.isFile()) {
            ctx.fail(path + " is a " + cur.type() + ", not a file");
        }
        String before = cur.isFile() ? cur.content() : "";
        if (!cur.exists() || !before.equals(content)) {
            String what = (cur.exists() ? "update " : "write ") + path + " (mode 0600)" + (about == null ? "" : ": " + about);
            if (about == null && cur.exists() && shown.apply(before).equals(shown.apply(content))) {
                what += ": the admin password differs";
            }
            ctx.converge(what, new Diff(path, shown.apply(before), shown.apply(content)), () -> {
                String dir = path.contains("/") ? path.substring(0, Math.max(1, path.lastIndexOf('/'))) : ".";
                ctx.change(Cmd.of("mkdir", "-p", "--", dir));
                ctx.writeFile(path, content, "600");
            });
            ctx.predict(new RemoteFile(path, "file", cur.owner(), cur.group(), "600", null, content));
        } else if (Integer.parseInt(cur.mode(), 8) != 0600) {
            ctx.converge("set mode of " + path + " from " + cur.mode() + " to 0600",
                    () -> ctx.change(Cmd.of("chmod", "--", "600", path)));
        }
    }
}
