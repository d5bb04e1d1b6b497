package io.gplay.modules.ovirt;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** hosted-engine.conf as setup 1.1 writes it from templates/hosted-engine.conf.in, read as the shell sources it. */
class SetupConfigurationTest {
    @Test
    void readsTheHostIdAndTheVmConfigurationSetupWrote() {
        SetupConfiguration c = SetupConfiguration.parse("""
                fqdn=engine.example.com
                vm_disk_id=0d6b2f4e-1111-2222-3333-444455556666
                vmid=5b7d6a8e-aaaa-bbbb-cccc-ddddeeeeffff
                storage=10.0.0.200:/engine
                conf=/etc/ovirt-hosted-engine/vm.conf
                service_start_time=0
                host_id=2
                console=vnc
                ca_subject="C=EN, L=Test, O=Test, CN=Test"
                """);
        assertEquals(2, c.hostId());
        assertEquals("/etc/ovirt-hosted-engine/vm.conf", c.vmConf());
        assertEquals("C=EN, L=Test, O=Test, CN=Test", c.values().get("ca_subject"));
    }

    @Test
    void aFileWithoutAHostIdOrConfNamesNeither() {
        SetupConfiguration c = SetupConfiguration.parse("fqdn=engine.example.com\nhost_id=\n");
        assertEquals(-1, c.hostId());
        assertEquals("", c.vmConf());
    }
}
