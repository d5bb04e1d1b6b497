package io.gplay.cli;

import io.gplay.dsl.build.DslCall;
import io.gplay.dsl.build.DslWord;
import io.gplay.dsl.build.TaskKeywordTable;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code gplay.gdsl}: gplay's DSL for IntelliJ IDEA, as a GroovyDSL script. Its contexts are the Groovy files (of
 * one folder, when given) at their top level and in their closures; each call is a {@code method} with its
 * positional {@code params}, its named values as {@code namedParams} of {@code parameter(name, type, doc)}, and
 * its {@code doc}.
 */
final class GdslText {
    private GdslText() {
    }

    /** {@code folder}: the name of the folder whose files alone get the DSL, or null for every Groovy file. */
    static String render(IdeFiles files, String folder, String origin) {
        String where = folder == null ? "" : ", pathRegexp: " + IdeFiles.literal(".*" + Pattern.quote("/" + folder + "/") + ".*");
        StringBuilder out = new StringBuilder()
                .append("// gplay's DSL for IntelliJ IDEA (GroovyDSL), written by `gplay ide` ").append(origin).append(".\n")
                .append("// Keep it in a folder marked as a source root; write it again after adding modules or roles.\n")
                .append("def gplayFile = context(scope: scriptScope(), filetypes: ['groovy']").append(where).append(")\n")
                .append("def gplayClosure = context(scope: closureScope(), filetypes: ['groovy']").append(where).append(")\n\n")
                .append("contributor([gplayFile, gplayClosure]) {\n")
                .append("    def taskKeywords = ").append(parameters(TaskKeywordTable.OFFERED, "    ")).append("\n");
        for (DslCall c : files.calls()) {
            out.append("    method name: ").append(IdeFiles.literal(c.name())).append(", type: 'void', params: ")
                    .append(IdeFiles.map(c.params())).append(",\n        namedParams: ")
                    .append(parameters(c.named(), "        ")).append(files.isModule(c) ? " + " + keywords(files.shadowed(c)) : "")
                    .append(",\n        doc: ").append(IdeFiles.literal(c.line())).append("\n");
        }
        return out.append("}\n").toString();
    }

    private static String keywords(String shadowed) {
        return shadowed == null ? "taskKeywords" : "taskKeywords.findAll { !(it.name in " + shadowed + ") }";
    }

    private static String parameters(List<DslWord> words, String indent) {
        if (words.isEmpty()) {
            return "[]";
        }
        StringBuilder out = new StringBuilder("[\n");
        for (DslWord w : words) {
            out.append(indent).append("    parameter(name: ").append(IdeFiles.literal(w.name())).append(", type: ")
                    .append(IdeFiles.literal(w.type())).append(", doc: ").append(IdeFiles.literal(w.line())).append("),\n");
        }
        return out.append(indent).append("]").toString();
    }
}
