package io.wharf.contract.files;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Both services keep only private things on disk (password hashes, live reset links, the signing key, image
 * content): every directory they create is {@code rwx------} and every file {@code rw-------} from the moment it
 * exists, whatever the process's umask. On a file system without POSIX permissions the attributes are left out.
 */
public final class OwnerOnly {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {
    }

    /** The attributes a new directory gets: {@code rwx------}. */
    public static FileAttribute<?>[] directory() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------"))} : new FileAttribute<?>[0];
    }

    /** The attributes a new file gets: {@code rw-------}. */
    public static FileAttribute<?>[] file() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
    }

    /**
     * Creates the data directory and a service's folder in it owner-only, so that what the service keeps inside is
     * out of other accounts' reach. When that is impossible, it is left to whatever needs the folder to fail with its
     * own error: with PostgreSQL and S3 nothing does.
     */
    public static void createServiceFolder(String dataDirectory, String service) {
        if (dataDirectory == null) {
            return;
        }
        try {
            createDirectories(Path.of(dataDirectory).toAbsolutePath().resolve(service));
        } catch (IOException unwritable) {
            // see above: not this method's error to report
        }
    }

    /** Creates {@code directory} and every missing parent owner-only; existing ones are left as they are. */
    public static Path createDirectories(Path directory) throws IOException {
        return Files.createDirectories(directory, directory());
    }
}
