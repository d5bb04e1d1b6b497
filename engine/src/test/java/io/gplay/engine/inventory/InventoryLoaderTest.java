package io.gplay.engine.inventory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InventoryLoaderTest {
    @TempDir
    Path dir;

    private static List<String> names(List<Host> hosts) {
        return hosts.stream().map(Host::name).toList();
    }

    @Test
    void readsAnsibleYamlWithChildrenVarsAndPrecedence() throws Exception {
        Path inv = dir.resolve("hosts.yml");
        Files.writeString(inv, """
                all:
                  vars:
                    ansible_user: root
                    pool: vg_all
                  children:
                    ovirt:
                      vars:
                        pool: vg_ovirt
                      hosts:
                        ovirt1: {ansible_host: 10.0.0.1, pool: vg_one}
                        ovirt2: {ansible_host: 10.0.0.2}
                      children:
                        first:
                          hosts:
                            ovirt1:
                """);
        Inventory i = InventoryLoader.load(inv.toString());
        assertEquals(List.of("ovirt1", "ovirt2"), names(i.hosts()));
        assertEquals("vg_one", i.host("ovirt1").var("pool"), "host vars win over group vars");
        assertEquals("vg_ovirt", i.host("ovirt2").var("pool"), "group vars win over all");
        assertEquals("root", i.host("ovirt2").var("ansible_user"));
        assertEquals(List.of("ovirt1", "ovirt2"), i.groups().get("ovirt"), "children's hosts belong to the parent");
        assertEquals(List.of("ovirt1"), i.groups().get("first"));
    }

    @Test
    void readsIniWithVarsChildrenRangesAndGroupVarsFolders() throws Exception {
        Path inv = dir.resolve("hosts");
        Files.writeString(inv, """
                # comment
                [web]
                web[01:03] ansible_port=2222
                [db]
                db1 ansible_host=10.0.0.9 note="two words"
                [prod:children]
                web
                db
                [prod:vars]
                env=prod
                """);
        Files.createDirectories(dir.resolve("group_vars"));
        Files.writeString(dir.resolve("group_vars/db.yml"), "role: database\n");
        Files.createDirectories(dir.resolve("host_vars"));
        Files.writeString(dir.resolve("host_vars/web02.yml"), "env: staging\n");
        Inventory i = InventoryLoader.load(inv.toString());
        assertEquals(List.of("web01", "web02", "web03", "db1"), names(i.hosts()));
        assertEquals(2222, i.host("web01").var("ansible_port"));
        assertEquals("two words", i.host("db1").var("note"));
        assertEquals("prod", i.host("web01").var("env"));
        assertEquals("staging", i.host("web02").var("env"), "host_vars win over group vars");
        assertEquals("database", i.host("db1").var("role"));
    }

    @Test
    void groupVarsOfAllAndUngroupedApplyWhetherOrNotTheInventoryNamesThem() throws Exception {
        Files.createDirectories(dir.resolve("group_vars/all"));
        Files.writeString(dir.resolve("group_vars/all/main.yml"), "x: from_all\ny: from_all\n");
        Files.writeString(dir.resolve("group_vars/ungrouped.yml"), "y: from_ungrouped\n");
        Path ini = dir.resolve("hosts.ini");
        Files.writeString(ini, "loner\n[web]\nweb1\n");
        Inventory i = InventoryLoader.load(ini.toString());
        assertEquals("from_all", i.host("web1").var("x"));
        assertEquals("from_all", i.host("web1").var("y"));
        assertEquals("from_ungrouped", i.host("loner").var("y"));
        Path yml = dir.resolve("hosts.yml");
        Files.writeString(yml, "all:\n  hosts:\n    loner:\n  children:\n    web:\n      hosts:\n        web1:\n");
        i = InventoryLoader.load(yml.toString());
        assertEquals("from_all", i.host("web1").var("x"));
        assertEquals("from_ungrouped", i.host("loner").var("y"));
        assertEquals("from_all", i.host("loner").var("x"));
    }

    @Test
    void commaListMakesUngroupedHosts() {
        Inventory i = InventoryLoader.load("alpha,beta,");
        assertEquals(List.of("alpha", "beta"), names(i.hosts()));
    }

    @Test
    void badInputNamesTheFileAndLine() throws Exception {
        Path inv = dir.resolve("bad.yml");
        Files.writeString(inv, "all:\n  hosts:\n    a: {x: 1\n");
        InventoryException e = assertThrows(InventoryException.class, () -> InventoryLoader.load(inv.toString()));
        assertTrue(e.getMessage().startsWith(inv + ":"), e.getMessage());
        Path ini = dir.resolve("bad.ini");
        Files.writeString(ini, "[web]\nhost1 novalue\n");
        e = assertThrows(InventoryException.class, () -> InventoryLoader.load(ini.toString()));
        assertTrue(e.getMessage().startsWith(ini + ":2:"), e.getMessage());
        Path twice = dir.resolve("twice.yml");
        Files.writeString(twice, "all:\n  hosts:\n    a: {x: 1}\n    b:\n    a: {x: 2}\n");
        e = assertThrows(InventoryException.class, () -> InventoryLoader.load(twice.toString()));
        assertTrue(e.getMessage().startsWith(twice + ":5: found duplicate key a"), e.getMessage());
        e = assertThrows(InventoryException.class, () -> InventoryLoader.load(dir.resolve("none.yml").toString()));
        assertTrue(e.getMessage().contains("no such file"));
    }

    @Test
    void hostPatternsFollowAnsible() throws Exception {
        Path inv = dir.resolve("p.ini");
        Files.writeString(inv, """
                [web]
                w1
                w2
                w3
                [db]
                d1
                w3
                """);
        Inventory i = InventoryLoader.load(inv.toString());
        assertEquals(List.of("w1", "w2", "w3", "d1"), names(i.select("all")));
        assertEquals(List.of("w1"), names(i.select("web[0]")));
        assertEquals(List.of("w2", "w3"), names(i.select("web[1:2]")));
        assertEquals(List.of("w3"), names(i.select("web[-1]")));
        assertEquals(List.of("w1", "w2", "w3", "d1"), names(i.select("web:db")));
        assertEquals(List.of("w3"), names(i.select("web:&db")));
        assertEquals(List.of("w1", "w2"), names(i.select("web:!db")));
        assertEquals(List.of("w1", "w2", "w3"), names(i.select("w*")));
        assertEquals(List.of("d1"), names(i.select("d1")));
        assertEquals(List.of(), names(i.select("nosuch")));
    }

    @Test
    void groupVarsFilesRankAboveTheInventorysGroupVariablesAsInAnsible() throws Exception {
        // ansible-inventory 2.14 --host w1 on these files: x all_file, y host_file, z web_inv, d and e as text
        Files.createDirectories(dir.resolve("group_vars"));
        Files.createDirectories(dir.resolve("host_vars"));
        Files.writeString(dir.resolve("hosts"), "[web]\nw1 y=host_inv\n[web:vars]\nx=web_inv\ny=web_inv\nz=web_inv\n"
                + "[all:vars]\nz=all_inv\n");
        Files.writeString(dir.resolve("group_vars/all.yml"), "x: all_file\ny: all_file\nd: 2001-12-14\ne: 1e3\n");
        Files.writeString(dir.resolve("host_vars/w1.yml"), "y: host_file\n");
        Host w1 = InventoryLoader.load(dir.resolve("hosts").toString()).host("w1");
        assertEquals(java.util.Map.of("x", "all_file", "y", "host_file", "z", "web_inv", "d", "2001-12-14", "e", "1e3"),
                w1.vars());
    }
}
