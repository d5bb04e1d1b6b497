package io.gplay.dsl.build

import spock.lang.Specification

/** gplay doc WORD: every task keyword is documented, and Ansible's spelling finds gplay's word. */
class WordDocsSpec extends Specification {
    def "every task keyword, and the DSL's words, have an entry"() {
        expect:
        WordDocs.names().containsAll(TaskKeywords.NAMES)
        WordDocs.names().containsAll(['includeTasks', 'importTasks', 'role', 'block', 'rescue', 'always', 'flushHandlers'])
    }

    def "Ansible's spelling finds gplay's entry: #ansible"() {
        expect:
        WordDocs.of(ansible).get().startsWith("(Ansible's ${ansible}: gplay's ${gplay})\n${gplay.toUpperCase()} - ")

        where:
        ansible          | gplay
        'ignore_errors'  | 'ignoreErrors'
        'delegate_to'    | 'delegateTo'
        'no_log'         | 'noLog'
        'with_items'     | 'loop'
        'include_tasks'  | 'includeTasks'
        'check_mode'     | 'check'
    }

    def "an unknown word has no entry"() {
        expect:
        !WordDocs.of('whenever').isPresent()
    }
}
