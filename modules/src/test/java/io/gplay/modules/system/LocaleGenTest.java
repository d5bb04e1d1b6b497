package io.gplay.modules.system;

import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.Diff;
import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import io.gplay.modules.Namespaced;
import io.gplay.modules.Needs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * localeGen with the real locale-gen, locale -a and /etc/locale.gen of this Debian machine, in a throw-away mount
 * namespace with overlays over /etc and /usr/lib/locale ({@link Namespaced}): the file's edit and the locale
 * archive locale-gen writes land in the test's temporary folder; the machine's own are checked unchanged.
 */
class LocaleGenTest {
    static final String LOCALE = "de_CH.UTF-8";

    @TempDir
    Path work;
    Namespaced ns;
    String realFile;
    String realLocales;

    @BeforeEach
    void namespace() throws Exception {
        LocalConnection local = new LocalConnection();
        Needs.require(local.exec(Command.probe("PATH=$PATH:/usr/sbin command -v locale-gen")).ok()
                && Files.isRegularFile(Path.of(LocaleGenModule.LOCALE_GEN)), "locale-gen (locales) is not installed");
        realFile = Files.readString(Path.of(LocaleGenModule.LOCALE_GEN));
        realLocales = local.exec(Command.probe("locale -a")).stdout();
        Needs.require(realFile.contains("# " + LOCALE + " UTF-8\n") && !realLocales.contains("de_CH.utf8"),
                LOCALE + " is generated on this machine already");
        ns = new Namespaced(work, "/etc", "/usr/lib/locale");
    }

    @AfterEach
    void machineUnchanged() throws Exception {
        if (ns != null) {
            ns.close();
            assertEquals(realFile, Files.readString(Path.of(LocaleGenModule.LOCALE_GEN)), "the machine's /etc/locale.gen");
            assertEquals(realLocales, new LocalConnection().exec(Command.probe("locale -a")).stdout(), "the machine's locales");
        }
    }

    private Result run(Map<String, Object> params, boolean check) {
        return Harness.run(new LocaleGenModule(), params, check, ns, Map.of());
    }

    private String state() {
        return ns.sh("grep -n 'de_CH.UTF-8' /etc/locale.gen; locale -a");
    }

    private void checkRealAgain(Map<String, Object> params) {
        Harness.checkRealAgain(check -> run(params, check), this::state);
    }

    @Test
    void generatesALocaleThenRemovesIt() {
        Result check = run(Map.of("name", LOCALE), true);
        assertEquals(List.of("update /etc/locale.gen", "run locale-gen"), check.descriptions());
        Diff diff = check.diffs().get(0);
        assertTrue(diff.before().contains("\n# de_CH.UTF-8 UTF-8\n") && diff.after().contains("\nde_CH.UTF-8 UTF-8\n"), diff.after());
        assertTrue(diff.after().contains("\n# de_CH ISO-8859-1\n"), "another charset of the name stays as it was");
        checkRealAgain(Map.of("name", LOCALE));
        assertTrue(ns.sh("locale -a").contains("de_CH.utf8"));
        assertTrue(ns.sh("cat /etc/locale.gen").contains("\nde_CH.UTF-8 UTF-8\n"));
        checkRealAgain(Map.of("name", List.of(LOCALE), "state", "absent"));
        assertFalse(ns.sh("locale -a").contains("de_CH.utf8"));
        assertTrue(ns.sh("cat /etc/locale.gen").contains("\n# de_CH.UTF-8 UTF-8\n"));
    }

    @Test
    void aCheckRunSeesTheLocaleAnEarlierTaskWouldMake() {
        HostContext check = HostContext.of(new Host("local", List.of(), Map.of()), Map.of(), ns, true);
        assertEquals(Status.CHANGED, Harness.run(new LocaleGenModule(), Map.of("name", LOCALE), check).status());
        Result second = Harness.run(new LocaleGenModule(), Map.of("name", LOCALE), check);
        assertEquals(Status.OK, second.status(), second.descriptions().toString());
        assertEquals(Status.OK, run(Map.of("name", LOCALE, "state", "absent"), false).status(), "absent: not there, nothing to do");
    }

    @Test
    void aLocaleTheHostCannotMakeOrAHostileNameIsRefused() {
        Path marker = work.resolve("marker");
        for (String name : List.of("xx_YY.UTF-8", "-rf", "$(touch " + marker + ")", "de_CH.UTF-8 UTF-8\nen_GB.UTF-8", "de_CH'.UTF-8")) {
            Result r = run(Map.of("name", List.of(name)), false);
            assertEquals(Status.FAILED, r.status(), name);
            assertTrue(r.msg().startsWith("The following locales you've entered are not available on your system: "), r.msg());
        }
        assertFalse(Files.exists(marker));
        assertFalse(state().contains("\nde_CH.UTF-8 UTF-8"));
    }

    @Test
    void theRegisteredResultNamesTheLocales() {
        Map<String, Object> reg = run(Map.of("name", LOCALE), true).registered();
        assertEquals(List.of(LOCALE), reg.get("name"));
        assertEquals(true, reg.get("changed"));
    }
}
