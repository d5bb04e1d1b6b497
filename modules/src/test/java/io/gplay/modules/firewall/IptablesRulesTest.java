package io.gplay.modules.firewall;

import io.gplay.engine.module.ModuleFailure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A rule's fields are single words: a space or line break in one would add options or rules to the file. */
class IptablesRulesTest {
    @Test
    void aFieldThatIsNotOneWordIsRefusedNamingIt() {
        for (Map<String, Object> bad : List.of(
                Map.<String, Object>of("source", "10.0.0.0/8 -j ACCEPT -s 0/0", "jump", "DROP"),
                Map.<String, Object>of("iface", "eth0\r-A INPUT -j ACCEPT", "jump", "DROP"),
                Map.<String, Object>of("proto", "tcp", "dport", "22 -j ACCEPT", "jump", "DROP"),
                Map.<String, Object>of("chain", "INPUT -s 1.2.3.4", "jump", "DROP"))) {
            ModuleFailure f = assertThrows(ModuleFailure.class, () -> IptablesRules.render(List.of(bad), Map.of()), bad.toString());
            assertTrue(f.getMessage().startsWith("rules: ") && f.getMessage().contains("one word"), f.getMessage());
        }
    }

    @Test
    void aCarriageReturnCannotEndARuleEarly() {
        ModuleFailure f = assertThrows(ModuleFailure.class,
                () -> IptablesRules.render(List.of("-A INPUT -j DROP\r-A INPUT -j ACCEPT"), Map.of()));
        assertTrue(f.getMessage().contains("several lines"), f.getMessage());
    }
}
