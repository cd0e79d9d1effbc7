package org.vmscope.bridge.cli;

/** Bad command-line arguments: the message says what is wrong, the command's usage says what is right. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
