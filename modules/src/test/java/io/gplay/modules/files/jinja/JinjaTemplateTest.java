package io.gplay.modules.files.jinja;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The renderer alone: Ansible's environment, header, errors and the filters and tests roles use. */
class JinjaTemplateTest {
    private static Map<String, Object> vars() {
        Map<String, Object> v = new HashMap<>();
        v.put("port", 8080);
        v.put("on", true);
        v.put("nothing", null);
        v.put("word", "false");
        v.put("names", List.of("b", "a", "b"));
        v.put("site", new LinkedHashMap<>(Map.of("name", "shop")));
        v.put("version", "1.24.0");
        return v;
    }

    private static String render(String template) {
        return JinjaTemplate.render("t.j2", template, vars());
    }

    @Test
    void trimBlocksIsOnAndTrailingNewlinesAreKeptAsAnsibleKeepsThem() {
        assertEquals("a\nX\nb\n", render("a\n{% if on %}\nX\n{% endif %}\nb\n"));
        assertEquals("x\n\n\n", render("x\n\n\n"));
        assertEquals("\n", render("{% if not on %}\nX\n{% endif %}\n"));
    }

    @Test
    void theJinja2HeaderSetsTrimAndLstripBlocks() {
        String body = "<l>\n    {% for n in names %}\n    <i>{{ n }}</i>\n    {% endfor %}\n</l>\n";
        assertEquals("<l>\n        <i>b</i>\n        <i>a</i>\n        <i>b</i>\n    </l>\n", render(body));
        assertEquals("<l>\n\n    <i>b</i>\n\n    <i>a</i>\n\n    <i>b</i>\n\n</l>\n",
                render("#jinja2: trim_blocks: False, lstrip_blocks: True\n" + body));
        JinjaException e = assertThrows(JinjaException.class, () -> render("#jinja2: trim_blocks: no\nx"));
        assertEquals("t.j2:1: trim_blocks: no is not a Python boolean: write True or False", e.getMessage());
        e = assertThrows(JinjaException.class, () -> render("#jinja2: variable_start_string: '[['\nx"));
        assertTrue(e.getMessage().startsWith("t.j2:1: variable_start_string is not supported"), e.getMessage());
    }

    @Test
    void anUndefinedVariableFailsNamingTemplateLineAndTheVariable() {
        JinjaException e = assertThrows(JinjaException.class, () -> render("a\n{% if on %}\nb\n{% endif %}\n{# c\n #}\nport {{ prot }}\n"));
        assertEquals("t.j2:7: 'prot' is undefined: set it (in the inventory, the play's or the role's vars, or the task's "
                + "vars:) or give it a default in the template: {{ prot | default('...') }}", e.getMessage());
        e = assertThrows(JinjaException.class, () -> render("#jinja2: lstrip_blocks: True\n{{ site.missing }}"));
        assertTrue(e.getMessage().startsWith("t.j2:2: 'site.missing' is undefined"), e.getMessage());
        assertEquals("yes fallback no", render("{{ 'yes' if port is defined }} {{ prot | default('fallback') }}"
                + " {{ 'no' if site.missing is defined else 'no' }}"));
    }

    @Test
    void defaultGivesItsValueAsWrittenNotItsText() {
        // weareinteractive.sudo: {{ "NOPASSWD:" if item.nopasswd | default(false) else "" }} on an item without nopasswd
        assertEquals("[] [False] [0 int] [['a']] []", render("[{{ 'NOPASSWD:' if site.nopasswd | default(false) else '' }}]"
                + " [{{ prot | default(false) }}] [{{ prot | default(0) }} {{ (prot | d(0)) is number | ternary('int', 'str') }}]"
                + " [{{ prot | default(['a']) }}] [{{ nothing | default('x') }}]"));
        assertEquals("x on", render("{{ '' | default('x', true) }} {{ on | default(false, boolean=true) | ternary('on', 'off') }}"));
    }

    @Test
    void aSyntaxErrorNamesItsLineAndNoJavaClass() {
        JinjaException e = assertThrows(JinjaException.class, () -> render("ok\n{% if on %}\n{% endfor %}\n"));
        assertTrue(e.getMessage().startsWith("t.j2:"), e.getMessage());
        assertFalse(e.getMessage().matches(".*\\b(com|java)\\.[a-z]+\\..*"), e.getMessage());
    }

    @Test
    void valuesPrintAsPythonPrintsThem() {
        assertEquals("True  [True, None, 1.5, 'x'] {'name': 'shop'} 1e-05 10000000000.0",
                render("{{ on }} {{ nothing }} {{ [on, nothing, 1.5, 'x'] }} {{ site }} {{ 0.00001 }} {{ 1e10 }}"));
        assertEquals("non-empty", render("{% if word %}non-empty{% endif %}"), "the string 'false' is true");
        assertEquals("t", render("{{ 't' if word else 'f' }}"));
    }

    @Test
    void ansibleFilters() {
        assertEquals("#\n# Ansible managed\n#", JinjaTemplate.render("t", "{{ 'Ansible managed' | comment }}", Map.of()));
        assertEquals("; x\n", render("{{ 'x' | comment(decoration='; ', prefix='', postfix='') }}"));
        assertEquals("True False ", render("{{ 'yes' | bool }} {{ 'off' | bool }} {{ nothing | bool }}"));
        assertEquals("on off", render("{{ on | ternary('on', 'off') }} {{ nothing | ternary('on', 'off') }}"));
        assertEquals("'a b' plain ''\"'\"'q'", render("{{ 'a b' | quote }} {{ 'plain' | quote }} {{ \"'q\" | quote }}"));
        assertEquals("1.24 shop", render("{{ version | regex_replace('^(\\d+)\\.(\\d+)\\..*$', '\\\\1.\\\\2') }} "
                + "{{ site.name | regex_replace('\\.x$', '') }}"));
        assertEquals("a\n  b\n\n  c", render("{{ 'a\\nb\\n\\nc' | indent(2) }}"));
        assertEquals("b,a,b ['a', 'b'] 3", render("{{ names | join(',') }} {{ names | unique | sort }} {{ names | length }}"));
        assertEquals("c.pem /etc/ssl", render("{{ '/etc/ssl/c.pem' | basename }} {{ '/etc/ssl/c.pem' | dirname }}"));
        assertEquals("a: 1\nb:\n- x\n", render("{{ {'b': ['x'], 'a': 1} | to_nice_yaml }}"));
        assertEquals("{\"b\": [1, true, null]}", render("{{ {'b': [1, true, nothing]} | to_json }}"));
        assertEquals("[{'key': 'name', 'value': 'shop'}]", render("{{ site | dict2items }}"));
        assertEquals("{'name': 'blog', 'port': 80}", render("{{ site | combine({'name': 'blog', 'port': 80}) }}"));
        JinjaException e = assertThrows(JinjaException.class, () -> render("{{ prot | mandatory }}"));
        assertTrue(e.getMessage().startsWith("t.j2:1:"), e.getMessage());
    }

    @Test
    void ansibleAndJinja2Tests() {
        assertEquals("True False True", render("{{ version is version('1.4', '>=') }} {{ version is version('1.100', 'ge') }}"
                + " {{ '2.6' is version('2.10', '<') }}"));
        assertEquals("yes", render("{% if not site is mapping and names is iterable and names is not string %}no"
                + "{% elif site is mapping %}yes{% endif %}"));
        assertEquals("True True", render("{{ names | map('length') | select('gt', 0) | list is any }} {{ nothing is none }}"));
    }

    @Test
    void jinja2SyntaxJinjavaLacksIsRewritten() {
        assertEquals("a", render("{% for n in names if n != 'b' %}{{ n }}{% endfor %}"));
        assertEquals("name=shop", render("{% for (k, v) in site.items() %}{{ k }}={{ v }}{% endfor %}"));
        assertEquals("name shop", render("{% set k, v = (site.items() | list)[0] %}{{ k }} {{ v }}"));
        assertEquals("shop a|b", render("{{ site.name.split('/')[0] }} {{ 'a b'.split() | join('|') }}"));
        assertEquals("\n{{ raw }} $HOME\n", render("{% raw %}\n{{ raw }} $HOME\n{% endraw %}\n"));
    }

    @Test
    void anIncludeIsRefused() {
        JinjaException e = assertThrows(JinjaException.class, () -> render("a\n{% include 'other.j2' %}\n"));
        assertTrue(e.getMessage().startsWith("t.j2:2:") && e.getMessage().contains("cannot include"), e.getMessage());
    }

    @Test
    void aNoneInAListOrMapIsNone() {
        Map<String, Object> v = new HashMap<>();
        v.put("l", Arrays.asList("a", null));
        assertEquals("['a', None] True", JinjaTemplate.render("t", "{{ l }} {{ l[1] is none }}", v));
    }
}
