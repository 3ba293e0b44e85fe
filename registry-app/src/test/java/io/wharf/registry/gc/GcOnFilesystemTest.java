package io.wharf.registry.gc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Space reclaimed on disk, counted by walking the files under the filesystem driver's {@code blobs/}. */
@DirtiesContext
class GcOnFilesystemTest extends ReclaimedSpaceTest {

    /** Explicit, and a context of its own: the storage holds only what this test pushes. */
    @DynamicPropertySource
    static void filesystemStorage(DynamicPropertyRegistry properties) {
        properties.add("wharf.storage.driver", () -> "filesystem");
    }

    /** Every file below {@code blobs/}: {@code blobs/sha256/ab/<hex>/data}. */
    @Override
    protected List<StoredObject> storedBlobObjects() {
        Path blobs = storageRoot().resolve("blobs");
        if (!Files.isDirectory(blobs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile).map(file -> stored(storageRoot().relativize(file), file)).toList();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** {@code sha256:<hex>} of {@code .../sha256/<ab>/<hex>/data}; the path itself for anything else. */
    private static StoredObject stored(Path relative, Path file) {
        try {
            String digest = relative.getNameCount() == 5 && relative.getFileName().toString().equals("data")
                    ? relative.getName(1) + ":" + relative.getName(3) : file.toString();
            return new StoredObject(digest, Files.size(file));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
