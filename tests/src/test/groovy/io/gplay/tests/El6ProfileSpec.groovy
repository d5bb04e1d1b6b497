package io.gplay.tests

import io.gplay.modules.ctdb.CtdbStatusModule
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest

/**
 * The lab's version profile (lab/profiles/el6: Gluster 3.4's and ctdb 1.0.114's command lines over the lab's
 * newer daemons), without a lab: the real CLIs are a script that records its arguments and prints the answers
 * a test gives it. Every command line of docs/versions.md's table is passed on, rewritten or refused as its
 * last column says; the answers gplay reads come out in the old versions' forms.
 */
class El6ProfileSpec extends Specification {
    static final Path PROFILE = Gplay.ROOT.resolve('lab/profiles/el6')
    static final String SEP = '\u001f'

    @TempDir
    Path dir

    /** What a run of a profile command did: its status and output, and the real CLI's calls (argument lists). */
    static class Ran {
        int rc
        String out
        String err
        List<List<String>> calls

        String toString() {
            "rc=${rc}\n--- stdout\n${out}--- stderr\n${err}--- calls\n${calls.collect { it.join(' ') }.join('\n')}"
        }
    }

    /**
     * Runs {@code cmd} (gluster or ctdb, then its arguments) through the profile. {@code answers}: for a call
     * of the real CLI with these arguments (joined by spaces), what it prints and its exit status.
     */
    Ran run(List<String> cmd, Map<String, Map> answers = [:]) {
        Path stub = dir.resolve('real')
        if (!Files.exists(stub)) {
            stub.text = '''#!/usr/bin/env bash
(IFS=$'\\037'; printf '%s\\n' "$*") >> "$STUB_DIR/calls"
key=$(printf '%s\\037' "$@" | md5sum | cut -c1-32)
[ -f "$STUB_DIR/$key.out" ] && cat "$STUB_DIR/$key.out"
[ -f "$STUB_DIR/$key.rc" ] && exit "$(cat "$STUB_DIR/$key.rc")"
exit 0
'''
            stub.toFile().setExecutable(true)
        }
        Files.deleteIfExists(dir.resolve('calls'))
        answers.each { String args, Map a ->
            String key = md5(args.split(' ').collect { it + SEP }.join())
            dir.resolve(key + '.out').text = a.out ?: ''
            dir.resolve(key + '.rc').text = String.valueOf(a.rc ?: 0)
        }
        def pb = new ProcessBuilder([PROFILE.resolve(cmd[0]).toString()] + cmd.drop(1))
        pb.environment().putAll(EL6_REAL_GLUSTER: stub.toString(), EL6_REAL_CTDB: stub.toString(),
                STUB_DIR: dir.toString(), TMPDIR: dir.toString())
        Process p = pb.start()
        p.outputStream.close()
        def err = new StringBuilder()
        Thread t = Thread.start { err << p.errorStream.getText('UTF-8') }
        String out = p.inputStream.getText('UTF-8')
        int rc = p.waitFor()
        t.join()
        Path calls = dir.resolve('calls')
        new Ran(rc: rc, out: out, err: err.toString(),
                calls: Files.exists(calls) ? calls.readLines().collect { it.split(SEP, -1).toList() } : [])
    }

    static String md5(String s) {
        MessageDigest.getInstance('MD5').digest(s.getBytes('UTF-8')).encodeHex().toString()
    }

    /** The rows of docs/versions.md's table of command lines: [command, profile column]. */
    static List<List<String>> table() {
        Gplay.ROOT.resolve('docs/versions.md').readLines()
                .findAll { it =~ /^\| `(gluster|ctdb) / }
                .collect { line ->
                    def cells = line.substring(1, line.length() - 1).split(/ \| /)*.trim()
                    [cells[0].replaceAll('`', ''), cells[-1]]
                }
    }

    def "the table lists the command lines gplay sends"() {
        expect:
        table().size() >= 20
        table().every { cmd, profile -> profile =~ /^(passed|refused, exit \d+: `)/ }
    }

    def "each command line gplay sends is passed on, rewritten or refused as docs/versions.md says: #command"() {
        when:
        def ran = run(command.split(' ').toList())

        then:
        def refused = profile =~ /^refused, exit (\d+): `([^`]+)`/
        if (refused) {
            assert ran.rc == (refused[0][1] as int): ran
            assert ran.calls == []: ran
            assert (ran.out + ran.err).readLines().any { it.endsWith(refused[0][2]) }: ran
        } else {
            def passedAs = profile =~ /^passed as (.+?)(, answer.*)?$/
            def expected = passedAs ? (passedAs[0][1] =~ /`([^`]+)`/).collect { it[1].split(' ').toList() }
                    : [command.split(' ').drop(1).toList()]
            assert ran.rc == 0: ran
            assert ran.calls == expected: ran
        }

        where:
        [command, profile] << table()
    }

    // --- Gluster: 10's XML as the lab's glusterd gives it, and 3.4's form of it

    static final String HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cliOutput>\n' +
            '  <opRet>0</opRet>\n  <opErrno>0</opErrno>\n  <opErrstr/>\n'

    def "volume info: bricks as 3.4 writes them, with 3.4's counts and type numbers"() {
        given:
        def gluster10 = HEAD + '''\
  <volInfo>
    <volumes>
      <volume>
        <name>engine</name>
        <id>0c6b2a4e-8d2e-4f8e-9a57-1f2f3c4d5e6f</id>
        <status>1</status>
        <statusStr>Started</statusStr>
        <snapshotCount>0</snapshotCount>
        <brickCount>4</brickCount>
        <distCount>2</distCount>
        <replicaCount>2</replicaCount>
        <arbiterCount>0</arbiterCount>
        <disperseCount>0</disperseCount>
        <redundancyCount>0</redundancyCount>
        <type>7</type>
        <typeStr>Distributed-Replicate</typeStr>
        <transport>0</transport>
        <bricks>
          <brick uuid="5a0e6c1f-1d6e-4d8b-a1b2-0f9e8d7c6b5a">h1:/gluster/engine0<name>h1:/gluster/engine0</name><hostUuid>5a0e6c1f-1d6e-4d8b-a1b2-0f9e8d7c6b5a</hostUuid><isArbiter>0</isArbiter></brick>
          <brick uuid="6b1f7d20-2e7f-4e9c-b2c3-1a0f9e8d7c6b">h2:/gluster/engine1<name>h2:/gluster/engine1</name><hostUuid>6b1f7d20-2e7f-4e9c-b2c3-1a0f9e8d7c6b</hostUuid><isArbiter>0</isArbiter></brick>
        </bricks>
        <optCount>1</optCount>
        <options>
          <option>
            <name>storage.owner-uid</name>
            <value>36</value>
          </option>
        </options>
      </volume>
      <count>1</count>
    </volumes>
  </volInfo>
</cliOutput>
'''

        when:
        def ran = run(['gluster', '--mode=script', 'volume', 'info', '--xml'],
                ['--mode=script volume info --xml': [out: gluster10]])

        then:
        ran.rc == 0
        ran.out == HEAD + '''\
  <volInfo>
    <volumes>
      <volume>
        <name>engine</name>
        <id>0c6b2a4e-8d2e-4f8e-9a57-1f2f3c4d5e6f</id>
        <status>1</status>
        <statusStr>Started</statusStr>
        <brickCount>4</brickCount>
        <distCount>2</distCount>
        <stripeCount>1</stripeCount>
        <replicaCount>2</replicaCount>
        <type>5</type>
        <typeStr>Distributed-Replicate</typeStr>
        <transport>0</transport>
        <bricks>
          <brick>h1:/gluster/engine0</brick>
          <brick>h2:/gluster/engine1</brick>
        </bricks>
        <optCount>1</optCount>
        <options>
          <option>
            <name>storage.owner-uid</name>
            <value>36</value>
          </option>
        </options>
      </volume>
      <count>1</count>
    </volumes>
  </volInfo>
</cliOutput>
'''
        and: 'read as gplay reads a brick, the text holds the brick'
        new groovy.xml.XmlSlurper().parseText(ran.out).volInfo.volumes.volume.bricks.brick*.text() ==
                ['h1:/gluster/engine0', 'h2:/gluster/engine1']
    }

    def "volume status: a node without 10's ports"() {
        given:
        def node = { String more -> """\
        <node>
          <hostname>h1</hostname>
          <path>/gluster/meta0</path>
          <peerid>5a0e6c1f-1d6e-4d8b-a1b2-0f9e8d7c6b5a</peerid>
          <status>1</status>
          <port>49152</port>
${more}          <pid>1234</pid>
        </node>
""" }
        def body = { String more -> HEAD + '  <volStatus>\n    <volumes>\n      <volume>\n        <volName>meta</volName>\n' +
                '        <nodeCount>1</nodeCount>\n' + node(more) + '      </volume>\n    </volumes>\n  </volStatus>\n</cliOutput>\n' }

        when:
        def ran = run(['gluster', '--mode=script', 'volume', 'status', 'all', '--xml'],
                ['--mode=script volume status all --xml': [out: body('          <ports>\n            <tcp>49152</tcp>\n            <rdma>N/A</rdma>\n          </ports>\n')]])

        then:
        ran.rc == 0
        ran.out == body('')
    }

    def "peer status: a peer by one name, as 3.4 knows it"() {
        given:
        def peer = { String names -> HEAD + """\
  <peerStatus>
    <peer>
      <uuid>6b1f7d20-2e7f-4e9c-b2c3-1a0f9e8d7c6b</uuid>
      <hostname>h2</hostname>
${names}      <connected>1</connected>
      <state>3</state>
      <stateStr>Peer in Cluster</stateStr>
    </peer>
  </peerStatus>
</cliOutput>
""" }

        when:
        def ran = run(['gluster', '--mode=script', 'peer', 'status', '--xml'],
                ['--mode=script peer status --xml': [out: peer('      <hostnames>\n        <hostname>h2</hostname>\n        <hostname>10.78.0.12</hostname>\n      </hostnames>\n')]])

        then:
        ran.rc == 0
        ran.out == peer('')
    }

    def "an answer gluster gives with an error is rewritten too, its status kept"() {
        when:
        def ran = run(['gluster', '--mode=script', 'volume', 'info', '--xml'],
                ['--mode=script volume info --xml': [out: HEAD.replace('<opRet>0', '<opRet>-1') + '</cliOutput>\n', rc: 1]])

        then:
        ran.rc == 1
        ran.out.contains('<opRet>-1</opRet>')
    }

    def "gluster: what 3.4 lacks or takes otherwise: #args"() {
        when:
        def ran = run(['gluster'] + args.split(' ').toList())

        then:
        ran.rc == rc
        ran.calls == (calls == null ? [] : [calls.split(' ').toList()])
        (ran.out + ran.err).contains(message)

        where:
        args                                                                          | rc  | calls                                    | message
        '--wignore volume info'                                                       | 255 | null                                     | 'unrecognized option --wignore'
        '--mode=script --timeout=10 volume info'                                      | 255 | null                                     | 'unrecognized option --timeout=10'
        '--log-level=info volume info'                                                | 0   | '--log-level=info volume info'           | ''
        '--log-level=verbose volume info'                                             | 255 | null                                     | 'unrecognized option --log-level=verbose'
        'volume'                                                                      | 1   | null                                     | 'unrecognized command'
        'volume stat all'                                                             | 1   | null                                     | 'unrecognized word: stat (position 1)'
        'vol info --xml'                                                              | 0   | 'volume info --xml'                      | ''
        'volume heal engine statistics'                                               | 1   | null                                     | 'Usage: volume heal <VOLNAME> [{full | info {healed | heal-failed | split-brain}}]'
        'volume heal engine info summary'                                             | 1   | null                                     | 'Usage: volume heal <VOLNAME>'
        'volume status all tasks'                                                     | 1   | null                                     | 'tasks is not a valid status option'
        'volume status engine detail'                                                 | 0   | 'volume status engine detail'            | ''
        'volume start engine now'                                                     | 1   | null                                     | 'Usage: volume start <VOLNAME> [force]'
        'volume create engine replica 3 arbiter 1 h1:/b0 h2:/b1 h3:/b2'               | 1   | null                                     | 'Wrong brick type: arbiter, use <HOSTNAME>:<export-dir-abs-path>'
        'volume create engine disperse 3 h1:/b0 h2:/b1 h3:/b2'                        | 1   | null                                     | 'Wrong brick type: disperse, use <HOSTNAME>:<export-dir-abs-path>'
        'volume create engine replica 2 h1:/b0 h2:/b1 h3:/b2'                         | 1   | null                                     | 'number of bricks is not a multiple of replica count'
        'volume create engine replica 2 h1:/b0 h1:/b0'                                | 1   | null                                     | 'Found duplicate exports h1:/b0'
        'volume create engine replica 2 h1:/b0 h2:/b1'                                | 0   | 'volume create engine replica 2 h1:/b0 h2:/b1' | ''
        'peer probe h2 24007'                                                         | 1   | null                                     | 'Usage: peer probe <HOSTNAME>'
    }

    // --- ctdb: 4.17's parsable tables as the lab's ctdbd gives them, and 1.0's -Y form of them

    def "ctdb -Y status: 1.0's columns, without 4.17's Unknown and ThisNode"() {
        when:
        def ran = run(['ctdb', '-Y', 'status'], ['-X status': [out: '''\
|Node|IP|Disconnected|Unknown|Banned|Disabled|Unhealthy|Stopped|Inactive|PartiallyOnline|ThisNode|
|0|10.78.0.11|0|0|0|0|0|0|0|0|Y|
|1|10.78.0.12|1|0|0|0|1|0|1|0|N|
''']])

        then:
        ran.rc == 0
        ran.out == '''\
:Node:IP:Disconnected:Banned:Disabled:Unhealthy:Stopped:Inactive:PartiallyOnline:
:0:10.78.0.11:0:0:0:0:0:0:0:
:1:10.78.0.12:1:0:0:1:0:1:0:
'''
        and: 'gplay reads the nodes from it, and no ThisNode'
        CtdbStatusModule.table(ran.out).collect { [it.Node, it.IP, it.Disconnected, it.ThisNode] } ==
                [['0', '10.78.0.11', '0', null], ['1', '10.78.0.12', '1', null]]
    }

    def "ctdb -Y ip: 1.0's columns, interfaces and all"() {
        when:
        def ran = run(['ctdb', '-Y', 'ip'], ['-v -X ip': [out: '''\
|Public IP|Node|ActiveInterfaces|AvailableInterfaces|ConfiguredInterfaces|
|10.78.0.100|1|eth0|eth0|eth0|
|10.78.0.101|-1||eth0|eth0|
''']])

        then:
        ran.rc == 0
        ran.out == '''\
:Public IP:Node:ActiveInterface:AvailableInterfaces:ConfiguredInterfaces:
:10.78.0.100:1:eth0:eth0:eth0:
:10.78.0.101:-1::eth0:eth0:
'''
        CtdbStatusModule.table(ran.out).collect { [it.'Public IP', it.Node] } == [['10.78.0.100', '1'], ['10.78.0.101', '-1']]
    }

    def "ctdb pnn, version: 1.0's forms; version only with ctdbd answering, as in 1.0"() {
        expect:
        run(['ctdb', 'pnn'], ['pnn': [out: '1\n']]).out == 'PNN:1\n'
        run(['ctdb', 'version'], ['version': [out: '4.17.12-Debian\n']]).out == 'CTDB version: 4.17.12-Debian\n'

        when: 'ctdbd does not answer'
        def down = run(['ctdb', 'version'], ['pnn': [rc: 1]])

        then:
        down.rc == 1
        down.out == ''
        down.calls == [['pnn']]
        down.err.readLines().last() =~ /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\.\d{6} \[ *\d+\]: Failed to init ctdb$/
        down.err.contains('common/cmdline.c:149 Failed to connect to daemon')
    }

    def "ctdb: what 1.0.114 lacks or takes otherwise: #args"() {
        when:
        def ran = run(['ctdb'] + (args ? args.split(' ').toList() : []))

        then:
        ran.rc == rc
        ran.calls == (calls == null ? [] : [calls.split(' ').toList()])
        (ran.out + ran.err).contains(message)

        where:
        args                     | rc | calls                   | message
        'ip -X'                  | 1  | null                    | 'Invalid option -X: unknown option'
        '-YX status'             | 1  | null                    | 'Invalid option -YX: unknown option'
        '-x | status'            | 1  | null                    | 'Invalid option -x: unknown option'
        'status -t'              | 1  | null                    | 'Invalid option -t: missing argument'
        '-t three status'        | 1  | null                    | 'Invalid option -t: invalid numeric value'
        'reloadips'              | 1  | null                    | "Unknown control 'reloadips'"
        'gratarp 10.0.0.1 eth0'  | 1  | null                    | "Unknown control 'gratarp'"
        '-t 5 getvar NoIPFailback' | 0 | '-t 5 getvar NoIPFailback' | ''
        '-Y listvars'            | 0  | '-Y -x : listvars'      | ''
        'ip'                     | 0  | '-v ip'                 | ''
        '--socket=/tmp/s ping'   | 0  | 'ping'                  | ''
        ''                       | 1  | null                    | 'Usage: ctdb [options] <control>'
    }
}
