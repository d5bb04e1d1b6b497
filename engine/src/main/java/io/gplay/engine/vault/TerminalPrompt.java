package io.gplay.engine.vault;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Asks for a password as Python's getpass does (which ansible uses): on the controlling terminal with echo off,
 * even when standard input and output are redirected; without a terminal, a line read from standard input.
 */
public final class TerminalPrompt implements PasswordSource.Prompter {
    private static final File TTY = new File("/dev/tty");

    @Override
    public String ask(String prompt) {
        try (FileInputStream in = new FileInputStream(TTY); FileOutputStream out = new FileOutputStream(TTY)) {
            return askOnTerminal(prompt, in, out);
        } catch (IOException noTerminal) {
            // no controlling terminal (a pipeline, a service): the password is the next line of standard input
            System.err.print(prompt);
            System.err.flush();
            return readLine(System.in);
        }
    }

    private static String askOnTerminal(String prompt, InputStream in, OutputStream out) throws IOException {
        PrintStream term = new PrintStream(out, true, StandardCharsets.UTF_8);
        term.print(prompt);
        // Ctrl-C at the prompt must not leave the terminal without echo
        Thread restore = new Thread(() -> {
            try {
                stty("echo");
            } catch (IOException ignored) {
                // the terminal is gone
            }
        });
        Runtime.getRuntime().addShutdownHook(restore);
        stty("-echo");
        try {
            return readLine(in);
        } finally {
            stty("echo");
            Runtime.getRuntime().removeShutdownHook(restore);
            term.println();
        }
    }

    private static void stty(String mode) throws IOException {
        try {
            new ProcessBuilder("stty", mode).redirectInput(TTY).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** One line, read a byte at a time so that nothing after it is taken from the stream; null at its end. */
    private static String readLine(InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                line.write(b);
            }
            if (b < 0 && line.size() == 0) {
                return null;
            }
        } catch (IOException e) {
            throw new VaultException("cannot read the vault password: " + e.getMessage());
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
