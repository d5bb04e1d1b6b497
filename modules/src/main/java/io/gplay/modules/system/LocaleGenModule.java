package io.gplay.modules.system;

import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;
import io.gplay.modules.files.FileContent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Locales generated or removed as community.general's locale_gen (plugins/modules/locale_gen.py): present when
 * {@code locale -a} lists every one; on Debian their lines of /etc/locale.gen uncommented (or commented) and
 * locale-gen run; on Ubuntu (/var/lib/locales/supported.d) {@code locale-gen NAME...}, or their lines out of
 * supported.d/local and {@code locale-gen --purge}.
 */
public final class LocaleGenModule implements Module {
    static final String LOCALE_GEN = "/etc/locale.gen";
    static final String SUPPORTED_D = "/var/lib/locales/supported.d";
    private static final Pattern AVAILABLE = Pattern.compile("^#?\\s*(?<locale>\\S+[._\\S]+) (?<charset>\\S+)\\s*$");
    /** locale -a's spelling of a charset, and the one a task and locale.gen give (de_CH.utf8 is de_CH.UTF-8). */
    private static final Map<String, String> NORMAL = Map.of(".utf8", ".UTF-8", ".eucjp", ".EUC-JP",
            ".iso885915", ".ISO-8859-15", ".cp1251", ".CP1251", ".koi8r", ".KOI8-R", ".armscii8", ".ARMSCII-8",
            ".euckr", ".EUC-KR", ".gbk", ".GBK", ".gb18030", ".GB18030", ".euctw", ".EUC-TW");

    private static final ModuleSpec SPEC = FileContent.declareEdit(new ModuleSpec("localeGen", "Generates or removes locales (/etc/locale.gen and locale-gen; Ubuntu's supported.d).")
            .primary("name")
            .param(Param.required("name", ParamType.LIST, "the locales, with their charset: de_CH.UTF-8, or a list of them"))
            .param(Param.choice("state", "present", List.of("present", "absent"), "present: generated; absent: removed"))
            .returns("name", "list", "always", "the locales asked for", "[de_CH.UTF-8]"))
            .checkMode("reads locale -a and the locale file, and predicts the file's edit with its diff; locale-gen is not run, and later tasks of the check run see the locales as they would be")
            .notes("A locale must be one the host can make: a line of /etc/locale.gen (Ubuntu: of /usr/share/i18n/SUPPORTED)"
                    + " or one locale -a lists. As Ansible's, absent removes them only when every one is there; locale-gen"
                    + " makes every locale of the file again, which takes a while. Red Hat's hosts have no locale-gen"
                    + " (glibc-langpack packages instead).")
            .example("localeGen 'de_CH.UTF-8'")
            .example("localeGen name: ['en_GB.UTF-8', 'nl_NL.UTF-8']");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        List<String> names = ctx.list("name").stream().map(String::valueOf).toList();
        ctx.set("name", names);
        boolean ubuntu = ctx.stat(SUPPORTED_D, false).type().equals("directory");
        if (!ubuntu && !ctx.stat(LOCALE_GEN, false).isFile()) {
            ctx.fail(SUPPORTED_D + " and " + LOCALE_GEN + " are missing. Is the package \"locales\" installed?");
        }
        List<String> listed = ctx.read(Cmd.of("locale", "-a")).lines().map(LocaleGenModule::normal).toList();
        String availableIn = ubuntu ? "/usr/share/i18n/SUPPORTED" : LOCALE_GEN;
        RemoteFile file = ctx.stat(availableIn);
        List<String> offered = file.isFile() ? file.content().lines().map(AVAILABLE::matcher).filter(Matcher::matches)
                .map(m -> m.group("locale")).toList() : List.of();
        List<String> unknown = names.stream().filter(n -> !offered.contains(n) && !listed.contains(normal(n))).toList();
        if (!unknown.isEmpty()) {
            ctx.fail("The following locales you've entered are not available on your system: " + String.join(", ", unknown)
                    + " (they are neither in " + availableIn + " nor listed by locale -a)");
        }
        boolean present = names.stream().allMatch(n -> {
            String predicted = ctx.predictedState("locale:" + normal(n));
            return predicted != null ? predicted.equals("present") : listed.contains(normal(n));
        });
        String state = ctx.str("state");
        if (present == state.equals("present")) {
            ctx.msg(present ? "every locale is there" : "not every locale is there, so none is removed (as Ansible's)");
            return;
        }
        if (ubuntu) {
            ubuntu(ctx, names, state.equals("present"));
        } else {
            FileContent.edit(ctx, LOCALE_GEN, false, now -> now.isFile() ? edit(now.content(), names, state.equals("present")) : null);
            ctx.converge("run locale-gen", () -> ctx.change(Cmd.of("locale-gen")));
        }
        names.forEach(n -> ctx.predictState("locale:" + normal(n), state));
    }

    private static void ubuntu(ModuleContext ctx, List<String> names, boolean present) throws Exception {
        if (present) {
            // Ubuntu's locale-gen adds what it makes to supported.d/local itself
            ctx.converge("run locale-gen " + String.join(" ", names), () -> ctx.change(Cmd.of("locale-gen").args(names)));
            return;
        }
        String local = SUPPORTED_D + "/local";
        FileContent.edit(ctx, local, false, now -> now.isFile() ? String.join("", now.content().lines()
                .filter(l -> !names.contains(l.split(" ")[0])).map(l -> l + "\n").toList()) : null);
        ctx.converge("run locale-gen --purge", () -> ctx.change(Cmd.of("locale-gen", "--purge")));
    }

    /** locale.gen with each locale's lines uncommented (NAME CHARSET) or commented (# NAME CHARSET), as Ansible's set_locale. */
    static String edit(String text, List<String> names, boolean enabled) {
        List<String> lines = new ArrayList<>(List.of(text.split("(?<=\n)")));
        for (int i = 0; i < lines.size(); i++) {
            for (String name : names) {
                Matcher m = Pattern.compile("^#?\\s*" + Pattern.quote(name) + " (?<charset>.+)").matcher(lines.get(i));
                if (m.find()) {
                    String charset = m.group("charset");
                    lines.set(i, (enabled ? "" : "# ") + name + " " + charset + lines.get(i).substring(m.end()));
                }
            }
        }
        return String.join("", lines);
    }

    private static String normal(String name) {
        String out = name;
        for (Map.Entry<String, String> e : NORMAL.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }
}
