package org.tidl.dl.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.tidl.core.InvalidInputException;

/**
 * One writer per results folder: an exclusive {@link FileChannel#tryLock() file lock} on {@code .tidl-lock}
 * in the folder, holding the owner's pid. The operating system drops the lock when its process ends (killed
 * included), so a stale lock file never blocks. File locks belong to the whole JVM, so a second run in the
 * same process is caught by an in-process set of held folders first.
 */
public final class FolderLock implements AutoCloseable {

    static final String FILE = ".tidl-lock";
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code dir} (creating it), or refuses naming the pid that holds it. */
    public static FolderLock acquire(Path dir) {
        Path key;
        try {
            Files.createDirectories(dir);
            key = dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + org.tidl.core.Messages.reason(e), e);
        }
        long pid = ProcessHandle.current().pid();
        if (!HELD.add(key)) {
            throw busy(dir, pid + ", this process");
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(ch);
                throw busy(dir, holder.isEmpty() ? "unknown" : holder);
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return new FolderLock(key, ch, lock);
        } catch (IOException e) {
            close(ch);
            HELD.remove(key);
            throw new UncheckedIOException("cannot lock " + dir.resolve(FILE) + ": " + org.tidl.core.Messages.reason(e), e);
        } catch (RuntimeException e) {
            close(ch);
            HELD.remove(key);
            throw e;
        }
    }

    private static InvalidInputException busy(Path dir, String pid) {
        return new InvalidInputException("results folder " + dir + " is in use by another tidl run (pid " + pid
                + "); wait for it to finish or stop it, then run again");
    }

    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64);
        ch.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
    }

    private static void close(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing releases any lock; nothing else to do
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close below releases it too
        } finally {
            close(channel);
            HELD.remove(key);
        }
    }
}
