package io.gplay.modules.files.jinja;

import com.hubspot.jinjava.lib.filter.Filter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Ansible's and Jinja2's filters on text, with Python's semantics: comment, quote, indent, join, regex_replace... */
final class TextFilters {
    private TextFilters() {
    }

    static List<Filter> all() {
        return List.of(
                Filters.of("comment", TextFilters::comment),
                Filters.of("quote", (v, a) -> quote(Py.str(v))),
                Filters.of("indent", TextFilters::indent),
                Filters.of("string", (v, a) -> Py.str(v)),
                Filters.of("lower", (v, a) -> Py.str(v).toLowerCase(Locale.ROOT)),
                Filters.of("upper", (v, a) -> Py.str(v).toUpperCase(Locale.ROOT)),
                Filters.of("trim", (v, a) -> Py.str(v).strip()),
                Filters.of("replace", (v, a) -> replace(Py.str(v), a.str(0, "old", ""), a.str(1, "new", ""),
                        a.get(2, "count", null))),
                Filters.of("join", (v, a) -> Py.list(v).stream()
                        .map(x -> Py.str(a.get(1, "attribute", null) == null ? x : DataFilters.attribute(x, a.str(1, "attribute", null))))
                        .collect(Collectors.joining(a.str(0, "d", "")))),
                Filters.of("basename", (v, a) -> Py.str(v).substring(Py.str(v).lastIndexOf('/') + 1)),
                Filters.of("dirname", (v, a) -> dirname(Py.str(v))),
                Filters.of("regex_replace", (v, a) -> Regex.compile(a.str(0, "pattern", ""), a)
                        .matcher(Py.str(v)).replaceAll(Regex.replacement(a.str(1, "replacement", "")))),
                Filters.of("regex_search", Regex::search),
                Filters.of("regex_findall", (v, a) -> Regex.findall(Py.str(v), Regex.compile(a.str(0, "regex", ""), a))),
                Filters.of("regex_escape", (v, a) -> Regex.escape(Py.str(v))),
                Filters.of("b64encode", (v, a) -> Base64.getEncoder().encodeToString(Py.str(v).getBytes(StandardCharsets.UTF_8))),
                Filters.of("b64decode", (v, a) -> new String(Base64.getDecoder().decode(Py.str(v).strip()), StandardCharsets.UTF_8)),
                Filters.of("hash", (v, a) -> hash(Py.str(v), a.str(0, "hashtype", "sha1"))),
                Filters.of("checksum", (v, a) -> hash(Py.str(v), "sha1")),
                Filters.of("md5", (v, a) -> hash(Py.str(v), "md5")),
                Filters.of("sha1", (v, a) -> hash(Py.str(v), "sha1")));
    }

    /** Ansible's comment filter: the text as a comment block, in a style or with its own decoration. */
    private static Object comment(Object value, Filters.Args a) {
        String style = a.str(0, "style", "plain");
        Map<String, String> styleParams = switch (style) {
            case "plain" -> Map.of("decoration", "# ");
            case "erlang" -> Map.of("decoration", "% ");
            case "c" -> Map.of("decoration", "// ");
            case "cblock" -> Map.of("beginning", "/*", "decoration", " * ", "end", " */");
            case "xml" -> Map.of("beginning", "<!--", "decoration", " - ", "end", "-->");
            default -> throw a.fail("unknown style '" + style + "' (plain, erlang, c, cblock, xml)");
        };
        String prepostfix = a.named().containsKey("decoration") ? Py.str(a.named().get("decoration")) : styleParams.get("decoration");
        Map<String, Object> p = new LinkedHashMap<>(Map.of("newline", "\n", "beginning", "", "prefix", prepostfix.stripTrailing(),
                "prefix_count", 1, "decoration", "", "postfix", prepostfix.stripTrailing(), "postfix_count", 1, "end", ""));
        p.putAll(styleParams);
        p.putAll(a.named());
        String nl = Py.str(p.get("newline"));
        String decoration = Py.str(p.get("decoration"));
        String beginning = Py.truth(p.get("beginning")) ? p.get("beginning") + nl : "";
        String prefix = "";
        if (Py.truth(p.get("prefix"))) {
            String one = Py.str(p.get("prefix")).equals(nl) ? nl : p.get("prefix") + nl;
            prefix = one.repeat(Integer.parseInt(Py.str(p.get("prefix_count"))));
        }
        String text = (decoration + Py.str(value).replace(nl, nl + decoration))
                .replace(decoration + nl, decoration.stripTrailing() + nl);
        List<String> postfix = new ArrayList<>(List.of(""));
        for (int i = 0; i < Integer.parseInt(Py.str(p.get("postfix_count"))); i++) {
            postfix.add(Py.str(p.get("postfix")));
        }
        String end = Py.truth(p.get("end")) ? nl + p.get("end") : "";
        return beginning + prefix + text + String.join(nl, postfix) + end;
    }

    /** Python's shlex.quote. */
    static String quote(String s) {
        if (s.isEmpty()) {
            return "''";
        }
        if (s.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "@%+=:,./-_".indexOf(c) >= 0))) {
            return s;
        }
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }

    /** Jinja2 3's indent(width=4, first=False, blank=False), lines split as Python's splitlines does. */
    private static Object indent(Object value, Filters.Args a) {
        Object width = a.get(0, "width", 4);
        String indention = width instanceof String w ? w : " ".repeat(((Number) width).intValue());
        List<String> lines = splitlines(Py.str(value) + "\n");
        String rv;
        if (a.bool(2, "blank", false)) {
            rv = String.join("\n" + indention, lines);
        } else {
            StringBuilder b = new StringBuilder(lines.get(0));
            for (String line : lines.subList(1, lines.size())) {
                b.append('\n').append(line.isEmpty() ? line : indention + line);
            }
            rv = b.toString();
        }
        return a.bool(1, "first", false) ? indention + rv : rv;
    }

    /** Python's str.splitlines: on \n, \r\n, \r and the other line boundaries Python knows. */
    static List<String> splitlines(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029".indexOf(c) >= 0) {
                out.add(s.substring(start, i));
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
        return out;
    }

    private static String replace(String s, String old, String replacement, Object count) {
        if (count == null || count == PyNone.NONE) {
            return s.replace(old, replacement);
        }
        String out = s;
        int n = ((Number) count).intValue();
        int from = 0;
        for (int i = 0; i < n; i++) {
            int at = out.indexOf(old, from);
            if (at < 0) {
                break;
            }
            out = out.substring(0, at) + replacement + out.substring(at + old.length());
            from = at + replacement.length();
        }
        return out;
    }

    /** Python's os.path.dirname. */
    private static String dirname(String p) {
        int slash = p.lastIndexOf('/');
        if (slash < 0) {
            return "";
        }
        String head = p.substring(0, slash + 1);
        return head.chars().allMatch(c -> c == '/') ? head : head.replaceAll("/+$", "");
    }

    private static String hash(String s, String type) {
        try {
            String algorithm = switch (type) {
                case "sha1" -> "SHA-1";
                case "sha224" -> "SHA-224";
                case "sha256" -> "SHA-256";
                case "sha384" -> "SHA-384";
                case "sha512" -> "SHA-512";
                case "md5" -> "MD5";
                default -> type;
            };
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new com.hubspot.jinjava.interpret.InterpretException("hash: unknown hash type '" + type + "'");
        }
    }

}
