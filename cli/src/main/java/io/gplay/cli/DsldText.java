package io.gplay.cli;

import io.gplay.dsl.build.DslCall;
import io.gplay.dsl.build.DslWord;
import io.gplay.dsl.build.TaskKeywordTable;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code gplay.dsld}: gplay's DSL for Eclipse (Groovy Development Tools), as a DSL descriptor. It contributes to
 * the scripts of Groovy files and to their closures; each call is a {@code method} with its positional
 * {@code params}, its required named values as {@code namedParams}, the others as {@code optionalParams}, and a
 * {@code doc} that says each of them (a descriptor has no doc of a named value's own).
 */
final class DsldText {
    private DsldText() {
    }

    static String render(IdeFiles files, String origin) {
        StringBuilder out = new StringBuilder()
                .append("// gplay's DSL for Eclipse (DSLD), written by `gplay ide` ").append(origin).append(".\n")
                .append("// Keep it in the project's dsld/ folder; write it again after adding modules or roles.\n")
                .append("def gplayFile = fileExtension('groovy') & enclosingScript()\n\n")
                .append("contribute(gplayFile & (currentType(subType('groovy.lang.Script')) | enclosingClosure())) {\n")
                .append("    provider = 'gplay'\n")
                .append("    def taskKeywords = ").append(IdeFiles.map(IdeFiles.types(TaskKeywordTable.OFFERED))).append("\n")
                .append("    def taskKeywordsDoc = ").append(IdeFiles.literal(list(TaskKeywordTable.OFFERED, "<p>Task keywords:")))
                .append("\n");
        for (DslCall c : files.calls()) {
            List<DslWord> required = c.named().stream().filter(DslWord::required).toList();
            List<DslWord> optional = c.named().stream().filter(w -> !required.contains(w)).toList();
            out.append("    method name: ").append(IdeFiles.literal(c.name())).append(", type: 'void', params: ")
                    .append(IdeFiles.map(c.params())).append(",\n        namedParams: ")
                    .append(IdeFiles.map(IdeFiles.types(required))).append(",\n        optionalParams: ")
                    .append(IdeFiles.map(IdeFiles.types(optional))).append(files.isModule(c) ? " + " + keywords(files.shadowed(c)) : "")
                    .append(",\n        doc: ").append(IdeFiles.literal(doc(c))).append(files.isModule(c) ? " + taskKeywordsDoc" : "")
                    .append("\n");
        }
        return out.append("}\n").toString();
    }

    private static String keywords(String shadowed) {
        return shadowed == null ? "taskKeywords" : "taskKeywords.findAll { k, v -> !(k in " + shadowed + ") }";
    }

    /** The call's doc, with each named value the doc does not list already (the DSL's own calls say none). */
    private static String doc(DslCall c) {
        List<DslWord> unsaid = c.named().stream().filter(w -> !c.line().contains("<code>" + w.name() + "</code>")).toList();
        return c.line() + (unsaid.isEmpty() ? "" : list(unsaid, ""));
    }

    private static String list(List<DslWord> words, String title) {
        return words.stream().map(w -> "<li><code>" + w.name() + "</code> " + w.line() + "</li>")
                .collect(Collectors.joining("", title + "<ul>", "</ul>"));
    }
}
