package io.wharf.storage.filesystem;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.storage.StorageDriver;
import io.wharf.storage.StorageDriverContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilesystemDriverTest extends StorageDriverContract {

    /** Holds the storage root one level down, so that anything escaping the root would show up here. */
    @TempDir
    Path sandbox;

    private Path root;

    @Override
    protected StorageDriver createDriver() throws IOException {
        root = sandbox.resolve("storage").resolve("root");
        return new FilesystemDriver(root);
    }

    @Test
    void createsAMissingRoot() {
        assertTrue(Files.isDirectory(root));
    }

    @Test
    void filesLandUnderTheRootAtTheirPath() throws IOException {
        byte[] content = "layer".getBytes(UTF_8);
        write("/blobs/sha256/ab/abcd/data", content);
        assertArrayEquals(content, Files.readAllBytes(root.resolve("blobs/sha256/ab/abcd/data")));
    }

    /** Image content is private to the registry's account, whatever the process's umask (here usually 022). */
    @Test
    void foldersAndFilesAreForTheOwnerOnly() throws IOException {
        write("/blobs/sha256/ab/abcd/data", "layer".getBytes(UTF_8));
        write("/uploads/id/data", "part".getBytes(UTF_8));
        driver.move("/uploads/id/data", "/blobs/sha256/cd/cdef/data");

        for (Path directory : new Path[] {sandbox.resolve("storage"), root, root.resolve("blobs"),
                root.resolve("blobs/sha256/ab/abcd"), root.resolve("blobs/sha256/cd/cdef"), root.resolve("uploads")}) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)),
                    directory.toString());
        }
        for (Path file : new Path[] {root.resolve("blobs/sha256/ab/abcd/data"), root.resolve("blobs/sha256/cd/cdef/data")}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                    file.toString());
        }
    }

    @Test
    void theLocalFileOfAPathIsItsFileUnderTheRoot() throws IOException {
        write("/blobs/sha256/ab/abcd/data", "layer".getBytes(UTF_8));
        assertEquals(root.resolve("blobs/sha256/ab/abcd/data"), driver.localFile("/blobs/sha256/ab/abcd/data").orElseThrow());
    }

    /** Past the write-behind threshold, background flushes run while the writer goes on; the bytes stay exact. */
    @Test
    void aFileWrittenPastSeveralWriteBehindFlushesReadsBackExactly() throws IOException {
        byte[] chunk = new byte[1024 * 1024];
        new java.util.Random(7).nextBytes(chunk);
        int chunks = (int) (2.5 * FilesystemFileWriter.WRITE_BEHIND_BYTES / chunk.length);
        try (io.wharf.storage.FileWriter writer = driver.writer("/big/data", false)) {
            for (int i = 0; i < chunks; i++) {
                chunk[0] = (byte) i;
                writer.write(chunk, 0, chunk.length);
            }
            writer.commit();
        }
        byte[] stored = Files.readAllBytes(root.resolve("big/data"));
        assertEquals((long) chunks * chunk.length, stored.length);
        for (int i = 0; i < chunks; i++) {
            chunk[0] = (byte) i;
            assertArrayEquals(chunk, java.util.Arrays.copyOfRange(stored, i * chunk.length, (i + 1) * chunk.length));
        }
    }

    /** Sessions closed with unflushed bytes flush and close in the background; the next session continues exactly. */
    @Test
    void chunksAppendedBySessionsThatCloseBehindReadBackExactly() throws IOException {
        byte[] chunk = new byte[(int) (2 * FilesystemFileWriter.CLOSE_BEHIND_BYTES)];
        new java.util.Random(11).nextBytes(chunk);
        int sessions = 5;
        for (int i = 0; i < sessions; i++) {
            try (io.wharf.storage.FileWriter writer = driver.writer("/upload/data", true)) {
                assertEquals((long) i * chunk.length, writer.size());
                chunk[0] = (byte) i;
                writer.write(chunk, 0, chunk.length);
                if (i == sessions - 1) {
                    writer.commit();
                }
            }
        }
        byte[] stored = Files.readAllBytes(root.resolve("upload/data"));
        assertEquals((long) sessions * chunk.length, stored.length);
        for (int i = 0; i < sessions; i++) {
            chunk[0] = (byte) i;
            assertArrayEquals(chunk, java.util.Arrays.copyOfRange(stored, i * chunk.length, (i + 1) * chunk.length));
        }
    }

    @Test
    void deletePrunesEmptyDirectoriesButKeepsTheRoot() throws IOException {
        write("/a/b/c/file", new byte[1]);
        write("/a/kept", new byte[1]);

        driver.delete("/a/b/c/file");
        assertFalse(Files.exists(root.resolve("a/b")), "a/b is empty and should be gone");
        assertTrue(Files.exists(root.resolve("a/kept")));

        driver.delete("/a/kept");
        assertFalse(Files.exists(root.resolve("a")));
        assertTrue(Files.isDirectory(root));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape", "/../escape", "/../../victim", "/a/../../escape", "/a/..%2F..%2Fescape",
            "/a\\..\\..\\escape", "//escape", "/./escape", "/a/../../../victim"})
    void hostilePathsNeverReachOutsideTheRoot(String hostile) throws IOException {
        Path victim = Files.writeString(sandbox.resolve("victim"), "keep me");
        write("/inside", new byte[1]);

        assertRejectedByEveryMethod(hostile, "/inside");

        assertEquals("keep me", Files.readString(victim));
        try (Stream<Path> everything = Files.walk(sandbox)) {
            assertEquals(Set.of(sandbox, victim, root.getParent(), root, root.resolve("inside")),
                    everything.collect(toSet()));
        }
    }
}
