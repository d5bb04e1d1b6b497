package io.gplay.tests

import java.util.concurrent.ConcurrentHashMap

/**
 * Reads this machine's process list ({@code ps -eww -o args}, what any user of the host sees) in a loop while
 * a test runs gplay, and keeps every command line seen.
 */
class ProcessWatch implements Closeable {
    final Set<String> seen = ConcurrentHashMap.newKeySet()
    int rounds
    private volatile boolean stop
    private final Thread thread

    ProcessWatch() {
        thread = Thread.start {
            while (!stop) {
                def p = new ProcessBuilder('ps', '-eww', '-o', 'args').redirectErrorStream(true).start()
                p.inputStream.eachLine('UTF-8') { seen << it }
                p.waitFor()
                rounds++
            }
        }
    }

    /** The command lines seen that hold {@code text}. */
    List<String> linesWith(String text) {
        seen.findAll { it.contains(text) }.toList()
    }

    @Override
    void close() {
        stop = true
        thread.join()
    }
}
