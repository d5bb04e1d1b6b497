package io.gplay.modules.files;

import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleFailure;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * find's tests of one entry, as Ansible's find makes them: the name against patterns and excludes (globs, or
 * regular expressions from the name's start with useRegex), the type, hidden names, age and size (at least the
 * value, or at most when it is negative), and a regular file's content.
 */
final class FindFilters {
    private static final Map<Character, Long> SECONDS = Map.of('s', 1L, 'm', 60L, 'h', 3600L, 'd', 86400L, 'w', 604800L);
    private static final Map<Character, Long> BYTES = Map.of('b', 1L, 'k', 1L << 10, 'm', 1L << 20, 'g', 1L << 30, 't', 1L << 40);

    private final ModuleContext ctx;
    private final Predicate<String> patterns;
    private final Predicate<String> excludes;
    private final Long age;
    private final Long size;
    private final BoundedRegex contains;

    FindFilters(ModuleContext ctx) {
        this.ctx = ctx;
        long deadline = BoundedRegex.deadlineFromNow();
        List<Object> given = ctx.list("patterns");
        this.patterns = given.isEmpty() ? name -> true : names(given, "patterns");
        this.excludes = names(ctx.list("excludes"), "excludes");
        this.age = ctx.has("age") ? amount(ctx.str("age"), SECONDS, "age", "1d, -2h, 30m, 3600") : null;
        this.size = ctx.has("size") ? amount(ctx.str("size"), BYTES, "size", "10m, -1k, 500") : null;
        this.contains = ctx.has("contains") ? new BoundedRegex("contains", ctx.str("contains"),
                ctx.bool("readWholeFile") ? Pattern.MULTILINE : 0, deadline, ctx::ending) : null;
    }

    boolean readsContent() {
        return contains != null;
    }

    /** Whether an entry passes every test but the content's; {@code ageSeconds} is how old its stamp is. */
    boolean passes(String name, Map<String, Object> facts, long ageSeconds) {
        String type = ctx.str("fileType");
        boolean dir = Boolean.TRUE.equals(facts.get("isdir"));
        boolean reg = Boolean.TRUE.equals(facts.get("isreg"));
        boolean link = Boolean.TRUE.equals(facts.get("islnk"));
        boolean wanted = switch (type) {
            case "file" -> reg;
            case "directory" -> dir;
            case "link" -> link;
            default -> true;
        };
        if (!wanted || !ctx.bool("hidden") && name.startsWith(".")) {
            return false;
        }
        if (!patterns.test(name) || !ctx.list("excludes").isEmpty() && excludes.test(name)) {
            return false;
        }
        if (age != null && !(age >= 0 ? ageSeconds >= age : ageSeconds <= -age)) {
            return false;
        }
        if (size != null && reg) {
            long bytes = (Long) facts.get("size");
            return size >= 0 ? bytes >= size : bytes <= -size;
        }
        return true;
    }

    /** Whether a regular file's text has what contains asks: a line starting with a match, or any match in the whole file. */
    boolean contentMatches(String text) {
        if (ctx.bool("readWholeFile")) {
            return contains.on(text, m -> m.find());
        }
        for (String line : text.split("\n", -1)) {
            if (contains.on(line, m -> m.lookingAt())) {
                return true;
            }
        }
        return false;
    }

    private Predicate<String> names(List<Object> given, String param) {
        List<Predicate<String>> tests = new ArrayList<>();
        for (Object o : given) {
            for (String p : o.toString().split(",")) {
                if (ctx.bool("useRegex")) {
                    BoundedRegex re = new BoundedRegex(param, p, 0, BoundedRegex.deadlineFromNow(), ctx::ending);
                    tests.add(name -> re.on(name, m -> m.lookingAt()));
                } else {
                    PathMatcher glob = glob(p, param);
                    tests.add(name -> glob.matches(Path.of(name)));
                }
            }
        }
        return name -> tests.stream().anyMatch(t -> t.test(name));
    }

    private static PathMatcher glob(String pattern, String param) {
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        } catch (IllegalArgumentException e) {
            throw new ModuleFailure(param + ": '" + pattern + "' is no glob: " + e.getMessage());
        }
    }

    /** A number with an optional unit letter ("1d", "-10m"), in the unit's smallest measure. */
    private static long amount(String value, Map<Character, Long> units, String param, String examples) {
        String v = value.strip().toLowerCase();
        char last = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
        long unit = units.getOrDefault(last, 0L);
        String number = unit == 0 ? v : v.substring(0, v.length() - 1);
        if (!number.matches("-?\\d+")) {
            throw new ModuleFailure(param + " '" + value + "' is no amount: a whole number with an optional unit, as " + examples);
        }
        return Long.parseLong(number) * (unit == 0 ? 1 : unit);
    }
}
