package io.gplay.modules.ovirt;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads what otopi's machine dialog (otopi 1.1, README.dialog and src/plugins/otopi/dialog/machine.py) writes,
 * chunk by chunk as it arrives: {@code ***Q:STRING NAME} asks a question whose notes ({@code ### ...}) follow,
 * {@code ***L:LEVEL message} logs, {@code ***TERMINATE} ends the dialog; any other line is a note or output
 * of a program setup ran. Only whole lines are read; the rest waits for the next chunk.
 */
final class SetupDialog {
    enum Kind { QUESTION, NOTE, LOG, TERMINATE, OTHER }

    /** One line: for a question its name, for a log its level and message, for a note its text. */
    record Event(Kind kind, String name, String text) {
    }

    /** A question with the notes that came after it (its prompt's text, with valid values and default). */
    record Question(String name, List<String> notes) {
        String prompt() {
            return notes.isEmpty() ? "" : notes.get(notes.size() - 1).strip();
        }

        /** Setup 1.1 asks the VM's disk size and memory size under one name, ovehosted_vmenv_mem. */
        String key() {
            return name.equals("ovehosted_vmenv_mem") && String.join(" ", notes).contains("disk size")
                    ? "ovehosted_vmenv_mem:disk" : name;
        }
    }

    private final StringBuilder pending = new StringBuilder();

    /** The events of the whole lines completed by this chunk. */
    List<Event> feed(String chunk) {
        pending.append(chunk);
        List<Event> events = new ArrayList<>();
        int nl;
        while ((nl = pending.indexOf("\n")) >= 0) {
            events.add(parse(pending.substring(0, nl)));
            pending.delete(0, nl + 1);
        }
        return events;
    }

    static Event parse(String line) {
        if (line.startsWith("***Q:STRING ")) {
            return new Event(Kind.QUESTION, line.substring(12).strip(), "");
        }
        if (line.startsWith("***L:")) {
            String rest = line.substring(5);
            int sp = rest.indexOf(' ');
            return new Event(Kind.LOG, sp < 0 ? rest : rest.substring(0, sp), sp < 0 ? "" : rest.substring(sp + 1));
        }
        if (line.equals("***TERMINATE")) {
            return new Event(Kind.TERMINATE, "", "");
        }
        if (line.startsWith("###")) {
            return new Event(Kind.NOTE, "", line.length() > 4 ? line.substring(4) : "");
        }
        return new Event(Kind.OTHER, "", line);
    }
}
