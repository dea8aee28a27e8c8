package dev.wgsim.scenario.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** One line for an I/O failure: the path and the cause, never a stack trace (exit 2). */
final class IoErrors {
    private IoErrors() {
    }

    /** The IOException inside {@code t}, or null when it is not an I/O failure. */
    static IOException io(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException io) {
                return io;
            }
            if (c instanceof UncheckedIOException u) {
                return u.getCause();
            }
        }
        return null;
    }

    /** {@code PATH: cause}; {@code where} names the folder when the exception itself names no file. */
    static String describe(Path where, IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + cause(f) + (f.getOtherFile() != null ? " (renaming to " + f.getOtherFile() + ")" : "");
        }
        String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return where == null ? m : where + ": " + lowerFirst(m);
    }

    private static String cause(FileSystemException f) {
        if (f instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (f instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (f instanceof FileAlreadyExistsException) {
            return "is in the way (it exists and is not a folder that can be written into)";
        }
        if (f instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (f instanceof DirectoryNotEmptyException) {
            return "folder not empty";
        }
        String r = f.getReason();
        return r == null || r.isBlank() ? f.getClass().getSimpleName() : lowerFirst(r);
    }

    private static String lowerFirst(String s) {
        return s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))
                ? Character.toLowerCase(s.charAt(0)) + s.substring(1) : s;
    }
}
