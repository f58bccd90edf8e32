package org.tidl.dl.experiment;

import java.nio.file.Path;

/** Another process holding a results folder's lock until its stdin closes (for {@link SweepTest}). */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (FolderLock lock = FolderLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes our stdin
            }
        }
    }
}
