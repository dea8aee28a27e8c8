package dev.wgsim.scenario.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A results folder under construction. Everything is written into a hidden sibling
 * {@code .<name>.partial-<id>} and renamed into place by {@link #commit}, so a folder that exists
 * under its final name is always complete.
 *
 * <p>Replacing an older folder ({@link Mode#REPLACE}) takes three steps: the old folder is renamed
 * to {@code .<name>.backup-<id>}, the new one is renamed to {@code <name>}, the backup is deleted.
 * While a run owns an id it holds an exclusive lock on {@code .<name>.<id>.lock}. {@link #begin}
 * first recovers what a killed run left in the same parent: a backup whose owner is gone is
 * renamed back to its name when nothing else took that name (the run died between the two
 * renames) and deleted otherwise; a partial folder whose owner is gone is deleted. Each step is
 * reported, so the user knows. Folders of a run still in progress (lock held) are never touched.
 */
public final class StagedFolder implements AutoCloseable {
    /** What to do when {@code parent/name} already exists. */
    public enum Mode {
        /** Write under the next free name: {@code name-2}, {@code name-3}, ... */
        NEW_NAME,
        /** Replace it, atomically as seen from outside (--force). */
        REPLACE
    }

    private static final Pattern LEFTOVER = Pattern.compile("\\.(.+)\\.(partial|backup)-([0-9a-f]{16})");
    private static final SecureRandom IDS = new SecureRandom();
    /** Test hook: runs between the two renames of a replace, where a kill would strike. */
    static Runnable afterBackup = () -> { };

    private final Path parent;
    private final String name;
    private final String id;
    private final Path partial;
    private final Path lockFile;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private boolean committed;
    private boolean released;

    private StagedFolder(Path parent, String name, String id, Path lockFile, FileChannel ch, FileLock lock) {
        this.parent = parent;
        this.name = name;
        this.id = id;
        this.partial = parent.resolve("." + name + ".partial-" + id);
        this.lockFile = lockFile;
        this.lockChannel = ch;
        this.lock = lock;
    }

    /** Starts a folder that will become {@code parent/name}; recovery notes go to {@code notes}. */
    public static StagedFolder begin(Path parent, String name, Consumer<String> notes) throws IOException {
        return begin(parent, name, notes, true);
    }

    /**
     * As {@link #begin(Path, String, Consumer)}; {@code recover} false skips the look for leftovers
     * when the caller has just done it for the whole parent (a sweep, once for all its runs,
     * rather than a directory scan per run).
     */
    public static StagedFolder begin(Path parent, String name, Consumer<String> notes, boolean recover) throws IOException {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")
                || name.length() > 200) {
            throw new IllegalArgumentException("'" + name + "' cannot name a results folder");
        }
        Files.createDirectories(parent);
        if (recover) {
            recover(parent, notes);
        }
        String id = HexFormat.of().formatHex(IDS.generateSeed(8));
        Path lockFile = parent.resolve("." + name + "." + id + ".lock");
        FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.lock();
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(lockFile);
            throw e;
        }
        StagedFolder f = new StagedFolder(parent, name, id, lockFile, ch, lock);
        try {
            Files.createDirectory(f.partial);
        } catch (IOException e) {
            f.release();
            throw e;
        }
        return f;
    }

    /** Starts a folder, discarding recovery notes (tests, library use). */
    public static StagedFolder begin(Path parent, String name) throws IOException {
        return begin(parent, name, note -> { });
    }

    /** Where to write while the folder is being built. */
    public Path dir() {
        return partial;
    }

    /** The name it will get if nothing is in the way. */
    public Path target() {
        return parent.resolve(name);
    }

    /**
     * Renames the finished folder into place and returns where it went: {@code parent/name}, or in
     * {@link Mode#NEW_NAME} the first free {@code parent/name-N} when that is taken.
     */
    public Path commit(Mode mode) throws IOException {
        Path done = mode == Mode.REPLACE ? replace() : newName();
        committed = true;
        release();
        return done;
    }

    private Path newName() throws IOException {
        for (int n = 1; ; n++) {
            Path candidate = parent.resolve(n == 1 ? name : name + "-" + n);
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                move(partial, candidate);
                return candidate;
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                // another run took the name between the check and the rename: try the next one
            }
        }
    }

    private Path replace() throws IOException {
        Path target = target();
        Path backup = parent.resolve("." + name + ".backup-" + id);
        boolean hadOld = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (hadOld) {
            move(target, backup);
        }
        afterBackup.run();
        try {
            move(partial, target);
        } catch (IOException e) {
            if (hadOld) {
                move(backup, target);
            }
            throw e;
        }
        if (hadOld) {
            deleteTree(backup);
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

    /**
     * Recovers what killed runs left in {@code parent}: backups go back under their name when it is
     * free, other backups and partial folders are deleted. Leftovers of live runs are skipped.
     */
    public static List<String> recover(Path parent, Consumer<String> notes) throws IOException {
        List<String> done = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return done;
        }
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, ".*")) {
            for (Path p : ds) {
                if (LEFTOVER.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    leftovers.add(p);
                }
            }
        }
        leftovers.sort(null); // backups and partials of one id in a fixed order
        for (Path p : leftovers) {
            Matcher m = LEFTOVER.matcher(p.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            String name = m.group(1);
            Path lockFile = parent.resolve("." + name + "." + m.group(3) + ".lock");
            try (Ownerless o = Ownerless.claim(lockFile)) {
                if (o == null) {
                    continue; // a run in progress owns it
                }
                String note;
                Path target = parent.resolve(name);
                if (m.group(2).equals("backup") && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    move(p, target);
                    note = "restored " + target + " from " + p.getFileName() + ", left by a run killed while replacing it";
                } else {
                    deleteTree(p);
                    note = "removed " + p + ", left by an interrupted run";
                }
                done.add(note);
                notes.accept(note);
            }
        }
        return done;
    }

    /** The lock of a leftover whose run is gone, held while it is cleaned up. */
    private record Ownerless(Path lockFile, FileChannel ch, FileLock lock) implements AutoCloseable {
        /** Null when a live run holds the lock. A leftover without a lock file has no owner. */
        static Ownerless claim(Path lockFile) throws IOException {
            FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock l = ch.tryLock();
                if (l == null) {
                    ch.close();
                    return null;
                }
                return new Ownerless(lockFile, ch, l);
            } catch (OverlappingFileLockException e) { // held by this JVM: a run in progress
                ch.close();
                return null;
            }
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(lockFile); // deleted while still locked, so no other cleaner can claim a stale one
            lock.release();
            ch.close();
        }
    }

    private void release() throws IOException {
        if (released) {
            return;
        }
        released = true;
        Files.deleteIfExists(lockFile);
        lock.release();
        lockChannel.close();
    }

    /** Deletes the partial folder unless it was committed. */
    @Override
    public void close() {
        try {
            if (!committed) {
                deleteTree(partial);
            }
            release();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
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
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
