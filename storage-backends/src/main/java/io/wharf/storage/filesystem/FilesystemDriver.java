package io.wharf.storage.filesystem;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import io.wharf.contract.files.OwnerOnly;
import io.wharf.storage.FileInfo;
import io.wharf.storage.FileWriter;
import io.wharf.storage.InvalidOffsetException;
import io.wharf.storage.PathNotFoundException;
import io.wharf.storage.StorageDriver;
import io.wharf.storage.StoragePaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Stores each path as a file under a root directory on a local (or mounted) filesystem. Directories
 * are created on demand by writers and moves, and removed again once a delete leaves them empty.
 *
 * <p>Thread-safe. Creating and pruning directories is coordinated within one instance, so a root
 * should be served by a single instance.
 */
public class FilesystemDriver implements StorageDriver {

    private final Path root;

    /**
     * Keeps a delete from pruning a directory that a writer or move has just created but not yet put
     * its file in. Creators share the lock; pruning (a few rmdir calls) takes it exclusively.
     */
    private final ReadWriteLock directoryLock = new ReentrantReadWriteLock();

    /** Runs the writers' background fdatasyncs (at most one per open writer); idle threads end after a minute. */
    private final ExecutorService writeBehind = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.MINUTES,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "filesystem-write-behind");
                thread.setDaemon(true);
                return thread;
            });

    /** Uses {@code root} as the storage root, creating it (and its parents) when missing. */
    public FilesystemDriver(Path root) throws IOException {
        this.root = OwnerOnly.createDirectories(root.toAbsolutePath().normalize());
    }

    @Override
    public String name() {
        return "filesystem";
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        Path file = resolve(path);
        FileChannel channel;
        try {
            if (Files.isDirectory(file)) {
                throw new PathNotFoundException(path);
            }
            channel = FileChannel.open(file, READ);
        } catch (NoSuchFileException e) {
            throw notFound(path, e);
        }
        try {
            if (offset < 0 || offset > channel.size()) {
                throw new InvalidOffsetException(path, offset);
            }
            return Channels.newInputStream(channel.position(offset));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public Optional<Path> localFile(String path) {
        Path file = resolve(path);
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public FileWriter writer(String path, boolean append) throws IOException {
        Path file = resolve(path);
        FileChannel channel = createWithParents(file,
                () -> FileChannel.open(file, Set.of(CREATE, WRITE, append ? APPEND : TRUNCATE_EXISTING),
                        OwnerOnly.file()));
        return new FilesystemFileWriter(file, channel, writeBehind);
    }

    @Override
    public FileInfo stat(String path) throws IOException {
        Path file = resolve(path);
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            boolean directory = attributes.isDirectory();
            return new FileInfo(path, directory ? 0 : attributes.size(),
                    attributes.lastModifiedTime().toInstant(), directory);
        } catch (NoSuchFileException e) {
            throw notFound(path, e);
        }
    }

    @Override
    public List<String> list(String path) throws IOException {
        Path directory = resolveDirectory(path);
        List<String> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                children.add(StoragePaths.child(path, entry.getFileName().toString()));
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            // A file has no children; callers treat it like a missing directory.
            throw notFound(path, e);
        }
        Collections.sort(children);
        return children;
    }

    @Override
    public void move(String sourcePath, String destPath) throws IOException {
        Path source = resolve(sourcePath);
        Path dest = resolve(destPath);
        // Checked up front so that a failed move leaves no empty destination directories behind.
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new PathNotFoundException(sourcePath);
        }
        try {
            createWithParents(dest, () -> Files.move(source, dest, ATOMIC_MOVE, REPLACE_EXISTING));
        } catch (NoSuchFileException e) {
            // The destination directory is there, so it is the source that vanished meanwhile.
            throw notFound(sourcePath, e);
        }
        syncDirectory(dest.getParent());
    }

    @Override
    public void delete(String path) throws IOException {
        Path target = resolve(path);
        try {
            deleteTree(target);
        } catch (NoSuchFileException e) {
            throw notFound(path, e);
        }
        pruneEmptyDirectories(target.getParent());
    }

    /** The file for a path below the root; validating first is what keeps it inside the root. */
    private Path resolve(String path) {
        return root.resolve(StoragePaths.requireValid(path).substring(1));
    }

    private Path resolveDirectory(String path) {
        StoragePaths.requireValidOrRoot(path);
        return StoragePaths.ROOT.equals(path) ? root : root.resolve(path.substring(1));
    }

    /** Creates the directories above {@code target}, then runs {@code create}, which creates it. */
    private <T> T createWithParents(Path target, IoAction<T> create) throws IOException {
        Lock creating = directoryLock.readLock();
        creating.lock();
        try {
            OwnerOnly.createDirectories(target.getParent());
            return create.run();
        } finally {
            creating.unlock();
        }
    }

    private static void deleteTree(Path top) throws IOException {
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                try {
                    Files.delete(directory);
                } catch (DirectoryNotEmptyException writtenMeanwhile) {
                    // A file arrived after the walk passed: it stays, as the contract allows.
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Removes {@code directory} and its ancestors below the root for as long as they are empty. */
    private void pruneEmptyDirectories(Path directory) throws IOException {
        Lock pruning = directoryLock.writeLock();
        pruning.lock();
        try {
            for (Path current = directory; !current.equals(root); current = current.getParent()) {
                Files.delete(current);
            }
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            // Other files still live here, or a concurrent tree delete got here first: either way, stop.
        } finally {
            pruning.unlock();
        }
    }

    /** Makes a rename into {@code directory} durable; some platforms cannot open directories, so best effort. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not supported here (e.g. Windows); the rename itself has already succeeded.
        }
    }

    private static PathNotFoundException notFound(String path, IOException cause) {
        PathNotFoundException notFound = new PathNotFoundException(path);
        notFound.initCause(cause);
        return notFound;
    }

    @FunctionalInterface
    private interface IoAction<T> {
        T run() throws IOException;
    }
}
