package io.gplay.tests

import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** A spec with two real OpenSSH sshd servers on loopback for all its features, and a work folder per feature. */
abstract class TwoSshdSpec extends Specification {
    @Shared @TempDir
    Path shared
    @Shared
    Sshd one
    @Shared
    Sshd two
    @TempDir
    Path work

    def setupSpec() {
        one = new Sshd(shared.resolve('one')).start()
        two = new Sshd(shared.resolve('two')).start()
    }

    def cleanupSpec() {
        one?.close()
        two?.close()
    }

    /** Hosts h1 and h2 (group web), each on its own sshd, each with its own folder as the variable root. */
    Path inventory(Map<String, Map> extra = [:]) {
        Sshd.inventory(work, one, two, extra)
    }
}
