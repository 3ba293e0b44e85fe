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
