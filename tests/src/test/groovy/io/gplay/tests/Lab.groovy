package io.gplay.tests

import java.nio.file.Path

/**
 * The lab (lab/gplay-lab) for end-to-end tests: real hosts, each a booted systemd container with its own sshd,
 * network address and loop-device disk. Needs root and Debian's debootstrap and systemd-container; without
 * them the tests fail loudly rather than skip, so a CI that lost an install step cannot pass.
 */
class Lab {
    static final Path SCRIPT = Gplay.ROOT.resolve('lab/gplay-lab')
    static final Path STATE = Path.of(System.getenv('GPLAY_LAB_STATE') ?: '/var/lib/gplay-lab')
    /** What a spec that uses the lab holds (spock.lang.ResourceLock): one spec at a time has the lab. */
    static final String RESOURCE = 'gplay-lab'

    final int size

    private Lab(int size) {
        this.size = size
    }

    /**
     * N fresh hosts of a version profile (debian: the lab's own programs; el6: Gluster 3.4's and ctdb 1.0.114's
     * command lines before them, lab/profiles/el6): brought up if the lab has another size, else reset to their
     * first boot.
     */
    static Lab fresh(int n, String profile = 'debian') {
        assert ['id', '-u'].execute().text.trim() == '0': 'the lab tests need root (they boot containers)'
        def status = script('status')
        def up = (1..n).every { status.out.contains("lab${it} ") } && !status.out.contains("lab${n + 1} ")
        if (up && !status.out.contains('stopped')) {
            check(script('reset', '--profile', profile))
        } else {
            check(script('up', '-n', "${n}", '--profile', profile))
        }
        new Lab(n)
    }

    List<String> getHosts() {
        (1..size).collect { "lab${it}".toString() }
    }

    Path getInventory() {
        STATE.resolve('inventory.yml')
    }

    /** The password of the lab's vault file (group_vars/all/secrets.yml, which holds engine_admin_password). */
    Path getVaultPasswordFile() {
        STATE.resolve('vault-password')
    }

    /** The options that reach the lab as a user reaches hosts whose secrets are in a vault file. */
    List<String> target() {
        ['-i', inventory.toString(), '--vault-password-file', vaultPasswordFile.toString()]
    }

    String address(String host) {
        "10.78.0.${10 + (host - 'lab' as int)}"
    }

    /** Content hash of everything a host changed since its first boot (its overlay upper dir, less logs). */
    String hash(String host) {
        check(script('hash', host)).out.trim()
    }

    void stop(String host, boolean kill = false) {
        check(kill ? script('stop', host, '--kill') : script('stop', host))
    }

    void start(String host) {
        check(script('start', host))
    }

    /** Runs a command on a host as root and returns its output; fails the test when it fails. */
    String ssh(String host, String command) {
        check(script('ssh', host, command)).out
    }

    Gplay.Run sshRun(String host, String command) {
        script('ssh', host, command)
    }

    private static Gplay.Run check(Gplay.Run r) {
        assert r.rc == 0: "gplay-lab failed: ${r}"
        r
    }

    private static Gplay.Run script(String... args) {
        Gplay.exec([SCRIPT.toString()] + args.toList())
    }
}
