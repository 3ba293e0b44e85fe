package io.wharf.e2e;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;

/** Removes the temporary folders the tests make, so that runs leave nothing behind in {@code /tmp}. */
final class Folders {

    private static final int ATTEMPTS = 10;
    private static final Duration PAUSE = Duration.ofMillis(200);
    private static final Duration TIME_LIMIT = Duration.ofSeconds(10);

    private Folders() {
    }

    /**
     * Deletes {@code root} and everything below it (symbolic links themselves, never what they point to), trying
     * again a few times while a process that is still shutting down writes into it: a file appearing meanwhile
     * leaves a directory not empty, one vanishing meanwhile is fine. Returns whether {@code root} is gone; what stays
     * after {@value #ATTEMPTS} attempts or {@link #TIME_LIMIT} is reported on stderr, never thrown, because this runs
     * in shutdown hooks and {@code close()} methods.
     */
    static boolean deleteRecursively(Path root) {
        Instant deadline = Instant.now().plus(TIME_LIMIT);
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS && Instant.now().isBefore(deadline); attempt++) {
            try {
                deleteTree(root);
                return true;
            } catch (IOException stillBeingWritten) {
                last = stillBeingWritten;
                sleep();
            }
        }
        System.err.println("could not delete " + root + ": " + last);
        return false;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                if (failure instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw failure;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null && !(failure instanceof NoSuchFileException)) {
                    throw failure;
                }
                // DirectoryNotEmptyException when a file was written meanwhile: the next attempt walks it again
                Files.deleteIfExists(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void sleep() {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
