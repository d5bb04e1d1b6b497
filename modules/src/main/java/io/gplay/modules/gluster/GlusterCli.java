package io.gplay.modules.gluster;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleFailure;
import io.gplay.engine.shell.Cmd;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The gluster CLI in script mode (no prompts) with XML output: modules decide from {@code --xml} documents,
 * never from the human-readable text, which changes between Gluster releases.
 */
final class GlusterCli {
    private final ModuleContext ctx;
    /** glusterd was found running by this task: asked once, not before every query. */
    private boolean daemonSeen;

    GlusterCli(ModuleContext ctx) {
        this.ctx = ctx;
        ctx.requireProgram("gluster", "install glusterfs-server");
    }

    /** glusterd does not answer: the CLI cannot tell the pool's state. */
    static final class DaemonDown extends ModuleFailure {
        DaemonDown(String message) {
            super(message);
        }
    }

    /**
     * The CLI has no such command: an older Gluster's (3.4 has no {@code volume get}), which answers
     * "unrecognized word: WORD (position N)" instead of XML (release-3.4 {@code cli/src/cli-cmd.c:115-119}).
     */
    static final class UnknownCommand extends ModuleFailure {
        UnknownCommand(String message) {
            super(message);
        }
    }

    /**
     * Runs a read-only gluster query; the XML answer, also when gluster reports an error in it (opRet != 0).
     * Without a running glusterd the CLI is not even started: it writes files of its own (a geo-replication
     * template, Python caches) on its first run, and check mode must leave no byte changed.
     */
    Element query(String... args) {
        return answer(false, args);
    }

    /**
     * As {@link #query}, for a question about the whole pool that later tasks of the run ask too (every volume,
     * the status of every started volume): their answer is kept until a task changes something
     * ({@code ModuleContext.probeKept}), so the run's volume tasks ask glusterd once, not once each.
     */
    Element queryKept(String... args) {
        return answer(true, args);
    }

    private Element answer(boolean kept, String... args) {
        requireDaemon(args);
        ExecResult r = kept ? ctx.probeKept(command(true, args)) : ctx.probe(command(true, args));
        Element root = parse(r.stdout());
        if (root == null) {
            String what = "gluster " + String.join(" ", args) + ": " + r.reason();
            if (r.reason().contains("Connection failed")) {
                throw new DaemonDown(what + " (glusterd is not running)");
            }
            if ((r.stdout() + r.stderr()).contains("unrecognized word")) {
                throw new UnknownCommand(what);
            }
            throw new ModuleFailure(what);
        }
        return root;
    }

    /**
     * A read-only query whose answer gluster writes only as text: {@code volume heal VOL info}, which 3.4 cannot
     * write as XML (release-3.4 cli/src/cli-rpc-ops.c:6275, its XML output commented out). Its exit status and
     * what it printed, read by the caller with what that version prints.
     */
    ExecResult queryText(String... args) {
        requireDaemon(args);
        return ctx.probe(command(false, args));
    }

    /** glusterd running, asked once a task; the query it is for named when it is not. */
    private void requireDaemon(String... args) {
        if (!daemonSeen && !ctx.probe(Cmd.of("pidof", "glusterd")).ok()) {
            throw new DaemonDown("gluster " + String.join(" ", args) + ": glusterd is not running");
        }
        daemonSeen = true;
    }

    /** A query that must succeed: an error gluster reports in its answer fails the task. */
    Element queryOk(String... args) {
        Element root = query(args);
        if (opRet(root) != 0) {
            throw new ModuleFailure("gluster " + String.join(" ", args) + ": " + opErr(root));
        }
        return root;
    }

    /** Runs a changing gluster command; only inside a converge block. */
    void change(String... args) {
        ExecResult r = ctx.attempt(command(false, args), null);
        if (!r.ok()) {
            throw new ModuleFailure("gluster " + String.join(" ", args) + ": " + r.reason());
        }
    }

    private static Cmd command(boolean xml, String... args) {
        Cmd c = Cmd.of("gluster", "--mode=script").args(List.of(args));
        return xml ? c.raw("--xml") : c;
    }

    static int opRet(Element root) {
        return Integer.parseInt(text(root, "opRet", "0"));
    }

    static String opErr(Element root) {
        return text(root, "opErrstr", "");
    }

    static Element parse(String xml) {
        int start = xml.indexOf("<cliOutput");
        if (start < 0) {
            return null;
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(
                    xml.substring(start).getBytes(StandardCharsets.UTF_8)));
            return d.getDocumentElement();
        } catch (Exception e) {
            throw new ModuleFailure("gluster printed XML that cannot be read: " + e.getMessage());
        }
    }

    /** The text of the first descendant element with this tag, or the fallback. */
    static String text(Element e, String tag, String fallback) {
        NodeList l = e.getElementsByTagName(tag);
        return l.getLength() == 0 ? fallback : l.item(0).getTextContent().trim();
    }

    /** The text directly inside e, not inside its children. */
    static String ownText(Element e) {
        StringBuilder out = new StringBuilder();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE) {
                out.append(n.getNodeValue());
            }
        }
        return out.toString().trim();
    }

    /** Direct children of e with this tag. */
    static List<Element> children(Element e, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = e == null ? null : e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(tag)) {
                out.add(c);
            }
        }
        return out;
    }

    static Element child(Element e, String tag) {
        List<Element> l = children(e, tag);
        return l.isEmpty() ? null : l.get(0);
    }

    /** Names this host answers to: inventory name, address, host name and its IP addresses. */
    Set<String> selfNames() {
        Set<String> names = new TreeSet<>();
        names.add(ctx.host().name());
        Object address = ctx.host().var("ansible_host");
        if (address != null) {
            names.add(String.valueOf(address));
        }
        for (String word : ctx.read(Cmd.script("hostname; hostname -I 2>/dev/null || true")).split("\\s+")) {
            if (!word.isBlank()) {
                names.add(word);
            }
        }
        return names;
    }
}
