package io.gplay.modules.gluster;

import io.gplay.modules.files.FileContent;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sets options of glusterd's own volume file (the {@code volume management} block of glusterd.vol). */
public final class GlusterdModule implements Module {
    private static final ModuleSpec SPEC = FileContent.declareEdit(new ModuleSpec("glusterd", "Sets options in glusterd.vol's management volume (e.g. base-port), keeping the rest of the file.")
            .param(Param.required("options", ParamType.MAP, "option name → value, e.g. ['base-port': 50152]"))
            .param(Param.optional("file", ParamType.STRING, "/etc/glusterfs/glusterd.vol", "glusterd's volume file"))
            .param(FileContent.BACKUP)
            .checkMode("predicted from the file; the diff shows the edited lines")
            .notes("An option that is present, or commented out (`# option base-port 49152`), is set in place; "
                    + "a new one goes before `end-volume`. glusterd reads the file when it starts: notify a restart.")
            .returns("path", "string", "success", "glusterd's volume file", "/etc/glusterfs/glusterd.vol")
            .example("glusterd 'move brick ports above the migration range', options: ['base-port': 50152], notify: 'restart glusterd'"));

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String path = ctx.str("file");
        ctx.set("path", path);
        ctx.map("options").forEach((k, v) -> {
            if (!k.matches("[A-Za-z0-9_.-]+") || !String.valueOf(v).matches("[^\\s]+")) {
                ctx.fail("glusterd option '" + k + "' = '" + v + "': a name and a value of one word each");
            }
        });
        FileContent.edit(ctx, path, ctx.bool("backup"), found -> {
            if (!found.isFile()) {
                ctx.fail(path + " does not exist (install glusterfs-server first)");
            }
            String after = edit(found.content(), ctx.map("options"));
            if (after == null) {
                ctx.fail(path + " has no 'volume management' block ending in 'end-volume'");
            }
            return after;
        });
    }

    /** The file with the options set inside {@code volume management ... end-volume}; null if there is no such block. */
    static String edit(String text, Map<String, Object> options) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int begin = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).trim();
            if (begin < 0 && t.matches("volume\\s+management")) {
                begin = i;
            } else if (begin >= 0 && t.equals("end-volume")) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            return null;
        }
        for (Map.Entry<String, Object> o : options.entrySet()) {
            String wanted = "    option " + o.getKey() + " " + o.getValue();
            Pattern p = Pattern.compile("^(\\s*)#?\\s*option\\s+" + Pattern.quote(o.getKey()) + "(\\s.*)?$");
            int active = -1;
            int commented = -1;
            for (int i = begin + 1; i < end; i++) {
                Matcher m = p.matcher(lines.get(i));
                if (m.matches()) {
                    if (lines.get(i).trim().startsWith("#")) {
                        commented = commented < 0 ? i : commented;
                    } else {
                        active = i;
                    }
                }
            }
            int at = active >= 0 ? active : commented;
            if (at >= 0) {
                if (!lines.get(at).trim().equals(wanted.trim())) {
                    lines.set(at, wanted);
                }
            } else {
                lines.add(end, wanted);
                end++;
            }
        }
        return String.join("\n", lines);
    }
}
