package io.gplay.modules.files;

import io.gplay.engine.module.ModuleFailure;

import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A playbook's regular expression with a bound on its work. Java's regex engine cannot be interrupted, and a
 * pattern such as {@code ^(a+)+(\1)$} backtracks for ages on one long line; so the matcher reads the line
 * through a view that checks, every few thousand characters read, the task's deadline and its thread's
 * interruption (Ctrl-C), and ends the match with a task failure.
 */
final class BoundedRegex {
    static final int LIMIT_SECONDS = 10;

    private final String param;
    private final Pattern pattern;
    private final long deadline;
    /** The run is ending (Ctrl-C, SIGTERM): the match stops at once. */
    private final BooleanSupplier ending;

    /** One budget of {@link #LIMIT_SECONDS} for every match this task makes. */
    BoundedRegex(String param, String regex, long deadline, BooleanSupplier ending) {
        this(param, regex, 0, deadline, ending);
    }

    /** With {@link Pattern} flags ({@code MULTILINE} for a pattern over a whole file, as replace's). */
    BoundedRegex(String param, String regex, int flags, long deadline, BooleanSupplier ending) {
        this.param = param;
        this.pattern = Pattern.compile(regex, flags);
        this.deadline = deadline;
        this.ending = ending;
    }

    static long deadlineFromNow() {
        return System.nanoTime() + LIMIT_SECONDS * 1_000_000_000L;
    }

    boolean find(String line) {
        return on(line, Matcher::find);
    }

    /** Whatever {@code work} does with a matcher over {@code text}, bounded as {@link #find} is. */
    <T> T on(String text, Function<Matcher, T> work) {
        try {
            return work.apply(pattern.matcher(new Watched(text)));
        } catch (Interrupted e) {
            throw new ModuleFailure("interrupted while matching the " + param + " /" + pattern + "/");
        } catch (TooLong e) {
            throw new ModuleFailure("the " + param + " /" + pattern + "/ took longer than " + LIMIT_SECONDS
                    + " s on a text of " + text.length() + " characters; simplify it (nested repetition such as"
                    + " (a+)+ backtracks without end) or anchor it");
        }
    }

    private static final class TooLong extends RuntimeException {
        TooLong() {
            super(null, null, false, false);
        }
    }

    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super(null, null, false, false);
        }
    }

    /** The line as the matcher reads it, with the checks. */
    private final class Watched implements CharSequence {
        private final String s;
        private int reads;

        Watched(String s) {
            this.s = s;
        }

        @Override
        public char charAt(int i) {
            if ((++reads & 0xfff) == 0) {
                if (ending.getAsBoolean()) {
                    throw new Interrupted();
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new TooLong();
                }
            }
            return s.charAt(i);
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return s.subSequence(start, end);
        }

        @Override
        public String toString() {
            return s;
        }
    }
}
