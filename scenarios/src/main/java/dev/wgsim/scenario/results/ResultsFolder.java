package dev.wgsim.scenario.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A results folder under construction: everything is written into a hidden sibling
 * ({@code .<name>.partial-<random>}) and renamed into place by {@link #commit()}, so a folder
 * that exists under its final name is always complete. An older folder of the same name is
 * moved aside first and deleted only after the new one is in place.
 */
public final class ResultsFolder implements AutoCloseable {
    private final Path target;
    private final Path partial;
    private boolean committed;

    private ResultsFolder(Path target, Path partial) {
        this.target = target;
        this.partial = partial;
    }

    /** Starts a folder that will become {@code parent/name}. */
    public static ResultsFolder begin(Path parent, String name) throws IOException {
        Files.createDirectories(parent);
        Path partial = Files.createTempDirectory(parent, "." + name + ".partial-");
        return new ResultsFolder(parent.resolve(name), partial);
    }

    /** Where to write while the folder is being built. */
    public Path dir() {
        return partial;
    }

    public Path target() {
        return target;
    }

    /** Atomically renames the finished folder into place, replacing an older one. */
    public Path commit() throws IOException {
        Path aside = null;
        if (Files.exists(target)) {
            aside = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
            Files.delete(aside);
            move(target, aside);
        }
        try {
            move(partial, target);
        } catch (IOException e) {
            if (aside != null) {
                move(aside, target);
            }
            throw e;
        }
        committed = true;
        if (aside != null) {
            deleteTree(aside);
        }
        return target;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " to " + to + " atomically (different file systems?)", e);
        }
    }

    /** Deletes the partial folder unless it was committed. */
    @Override
    public void close() {
        if (!committed) {
            try {
                deleteTree(partial);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
