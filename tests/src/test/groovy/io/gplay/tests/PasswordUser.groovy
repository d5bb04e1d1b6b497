package io.gplay.tests

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/**
 * A user of this machine made for one test and removed after it: with a password, and a sudoers rule that lets
 * it run anything as root after typing that password. Needs root, useradd and sudo.
 */
class PasswordUser implements Closeable {
    final String name = 'gplaypw' + UUID.randomUUID().toString().substring(0, 6)
    final String password
    final Path sudoers

    PasswordUser(String password) {
        this.password = password
        run(['useradd', '-m', '-s', '/bin/sh', name])
        run(['chpasswd'], "${name}:${password}\n")
        sudoers = Path.of('/etc/sudoers.d', name)
        Files.writeString(sudoers, "${name} ALL=(ALL) ALL\n")
        Files.setPosixFilePermissions(sudoers, PosixFilePermissions.fromString('r--r-----'))
        run(['visudo', '-c', '-f', sudoers.toString()])
    }

    static boolean available() {
        System.getProperty('user.name') == 'root' && ['/usr/sbin/useradd', '/usr/bin/sudo', '/usr/sbin/visudo']
                .every { Files.isExecutable(Path.of(it)) } && Files.isDirectory(Path.of('/etc/sudoers.d'))
    }

    @Override
    void close() {
        Files.deleteIfExists(sudoers)
        ['pkill', '-KILL', '-u', name].execute().waitFor() // what a failed test left running as this user
        run(['userdel', '-r', name])
    }

    private static void run(List<String> cmd, String input = '') {
        def p = new ProcessBuilder(cmd).redirectErrorStream(true).start()
        p.outputStream.withStream { it << input.getBytes('UTF-8') }
        def out = p.inputStream.text
        // userdel -r warns that the user had no mail spool, with exit code 12 on some versions
        if (p.waitFor() != 0 && !(cmd[0] == 'userdel' && out.contains('mail spool'))) {
            throw new IllegalStateException("${cmd.join(' ')}: ${out}")
        }
    }
}
