package io.gplay.dsl.build

import spock.lang.Specification

/**
 * The table of the DSL's words that gplay ide and gplay doc WORD read: its keywords and options are the ones the DSL
 * accepts, every task keyword and call is documented, and Ansible's spelling finds gplay's word.
 */
class WordDocsSpec extends Specification {
    private static Set<String> names(List<DslWord> words) {
        words*.name() as Set
    }

    def "the table's keywords and options are the ones the DSL accepts"() {
        expect: 'check is accepted to be refused with its reason: documented, offered to no editor'
        names(TaskKeywordTable.OFFERED) + TaskKeywordTable.CHECK.name() == TaskKeywords.NAMES
        names(OptionTable.BLOCK) == BlockOptions.KEYWORDS
        names(OptionTable.PLAY) == PlayOptions.PLAY_OPTIONS
        names(OptionTable.GATE) == GateOptions.NAMES
    }

    def "every task keyword, and the DSL's words, have an entry"() {
        expect:
        WordDocs.names().containsAll(TaskKeywords.NAMES)
        WordDocs.names().containsAll(['includeTasks', 'importTasks', 'role', 'block', 'rescue', 'always', 'flushHandlers',
                                      'playbook', 'play', 'requires', 'handlers', 'gate', 'quote', 'item'])
    }

    def "a call's page lists its named values: #call"() {
        expect:
        def page = WordDocs.of(call).get()
        page.contains("\nNAMED VALUES\n")
        page.contains("\n  ${named}: ")

        where:
        call           | named
        'play'         | 'serial'
        'block'        | 'vars'
        'gate'         | 'timeout'
        'includeTasks' | 'loop'
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
        'with_fileglob'  | 'loop'
        'include_role'   | 'role'
        'flush_handlers' | 'flushHandlers'
    }

    def "an unknown word has no entry"() {
        expect:
        !WordDocs.of('whenever').isPresent()
    }

    def "Ansible's spelling of a word with no entry finds none: #ansible"() {
        expect:
        !WordDocs.of(ansible).isPresent()

        where:
        ansible << ['become_user', 'gather_facts']
    }
}
