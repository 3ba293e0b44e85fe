package io.wharf.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link StorageDriver} must show, after CNCF Distribution's driver test suite.
 * A driver's test extends this class and implements {@link #createDriver()}.
 *
 * <p>Each test works below a directory of its own ({@link #path}) which is deleted afterwards, so the
 * suite can also run against shared remote storage; {@link #cleanup()} releases anything else.
 */
public abstract class StorageDriverContract {

    private static final int MIB = 1024 * 1024;
    /** Callers write in buffers of 64 KiB and up; so does this suite, unless a test says otherwise. */
    private static final int WRITE_CHUNK = 64 * 1024;
    private static final long CONCURRENCY_TIMEOUT_SECONDS = 60;
    /** Tolerated distance between this machine's clock and the storage's modification times. */
    private static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(1);

    /** The driver under test, created afresh for every test. */
    protected StorageDriver driver;

    private String testDirectory;
    private final Random random = new Random(20240229L);

    /** Creates the driver under test; called before every test. */
    protected abstract StorageDriver createDriver() throws Exception;

    /** Releases what {@link #createDriver()} set up; called after every test. Does nothing by default. */
    protected void cleanup() throws Exception {
    }

    @BeforeEach
    void createDriverUnderTest() throws Exception {
        driver = createDriver();
        testDirectory = "/contract-" + UUID.randomUUID();
    }

    @AfterEach
    void deleteTestDirectory() throws Exception {
        try {
            driver.delete(testDirectory);
        } catch (PathNotFoundException nothingWritten) {
            // The test left nothing behind.
        } finally {
            cleanup();
        }
    }

    // --- writing and reading back ---

    @Test
    void smallFileReadsBackExactly() throws IOException {
        byte[] content = "hello, wharf".getBytes(UTF_8);
        write(path("small"), content);
        assertArrayEquals(content, readAll(path("small"), 0));
    }

    /** The optional local file, where a driver has one, holds exactly the stored content; nothing for no content. */
    @Test
    void aLocalFileHoldsExactlyTheStoredContent() throws IOException {
        byte[] content = randomBytes(MIB + 5);
        write(path("local"), content);
        driver.localFile(path("local")).ifPresent(file -> assertArrayEquals(content, readFile(file)));
        assertTrue(driver.localFile(path("absent")).isEmpty());
        assertTrue(driver.localFile(testDirectory).isEmpty(), "a directory holds no content");
    }

    @Test
    void emptyFileReadsBackEmpty() throws IOException {
        write(path("empty"), new byte[0]);
        assertEquals(0, driver.stat(path("empty")).size());
        assertArrayEquals(new byte[0], readAll(path("empty"), 0));
    }

    @Test
    void multiMebibyteRandomFileReadsBackExactly() throws IOException {
        byte[] content = randomBytes(3 * MIB + 17);
        write(path("random"), content);
        assertEquals(content.length, driver.stat(path("random")).size());
        assertArrayEquals(content, readAll(path("random"), 0));
    }

    @Test
    void writeStoresOnlyTheGivenSliceOfTheBuffer() throws IOException {
        byte[] buffer = "--abc--".getBytes(UTF_8);
        try (FileWriter writer = driver.writer(path("slice"), false)) {
            writer.write(buffer, 2, 3);
            assertEquals(3, writer.size());
            writer.commit();
        }
        assertArrayEquals("abc".getBytes(UTF_8), readAll(path("slice"), 0));
    }

    @Test
    void unusualButValidNamesAreAccepted() throws IOException {
        for (String name : List.of(".hidden", "a..b", "...", "_-.", "Mixed.Case-0_9")) {
            byte[] content = name.getBytes(UTF_8);
            write(path("names/" + name), content);
            assertArrayEquals(content, readAll(path("names/" + name), 0), name);
        }
    }

    @Test
    void readerStartsAtTheGivenOffset() throws IOException {
        byte[] content = randomBytes(1000);
        write(path("file"), content);
        assertArrayEquals(content, readAll(path("file"), 0));
        assertArrayEquals(Arrays.copyOfRange(content, 400, 1000), readAll(path("file"), 400));
        assertArrayEquals(Arrays.copyOfRange(content, 999, 1000), readAll(path("file"), 999));
        assertArrayEquals(new byte[0], readAll(path("file"), 1000), "reading from the end yields nothing");
    }

    @Test
    void readerRejectsOffsetsOutsideTheFile() throws IOException {
        write(path("file"), randomBytes(100));
        assertThrows(InvalidOffsetException.class, () -> driver.reader(path("file"), 101));
        assertThrows(InvalidOffsetException.class, () -> driver.reader(path("file"), -1));
    }

    @Test
    void appendContinuesAcrossWriterSessions() throws IOException {
        byte[] first = randomBytes(1000);
        byte[] second = randomBytes(WRITE_CHUNK + 1);
        byte[] third = randomBytes(5);
        try (FileWriter writer = driver.writer(path("upload"), false)) {
            writeInChunks(writer, first);
        }
        try (FileWriter writer = driver.writer(path("upload"), true)) {
            assertEquals(first.length, writer.size());
            writeInChunks(writer, second);
            assertEquals(first.length + second.length, writer.size());
        }
        try (FileWriter writer = driver.writer(path("upload"), true)) {
            assertEquals(first.length + second.length, writer.size());
            writeInChunks(writer, third);
            writer.commit();
        }
        assertArrayEquals(concat(first, second, third), readAll(path("upload"), 0));
    }

    @Test
    void appendingToAMissingFileStartsEmpty() throws IOException {
        byte[] content = randomBytes(100);
        try (FileWriter writer = driver.writer(path("fresh"), true)) {
            assertEquals(0, writer.size());
            writeInChunks(writer, content);
            writer.commit();
        }
        assertArrayEquals(content, readAll(path("fresh"), 0));
    }

    @Test
    void writerWithoutAppendReplacesEarlierContent() throws IOException {
        write(path("file"), randomBytes(MIB));
        byte[] shorter = randomBytes(1024);
        write(path("file"), shorter);
        assertEquals(shorter.length, driver.stat(path("file")).size());
        assertArrayEquals(shorter, readAll(path("file"), 0));
    }

    @Test
    void cancelDiscardsTheContentOfEverySession() throws IOException {
        try (FileWriter writer = driver.writer(path("upload"), false)) {
            writeInChunks(writer, randomBytes(100));
        }
        try (FileWriter writer = driver.writer(path("upload"), true)) {
            writeInChunks(writer, randomBytes(100));
            writer.cancel();
        }
        assertThrows(PathNotFoundException.class, () -> driver.stat(path("upload")));
    }

    @Test
    void writerRefusesWritesOnceCommittedCancelledOrClosed() throws IOException {
        FileWriter committed = driver.writer(path("committed"), false);
        committed.commit();
        FileWriter cancelled = driver.writer(path("cancelled"), false);
        cancelled.cancel();
        FileWriter closed = driver.writer(path("closed"), false);
        closed.close();
        byte[] oneByte = {42};
        assertAll(
                () -> assertThrows(IOException.class, () -> committed.write(oneByte, 0, 1)),
                () -> assertThrows(IOException.class, () -> cancelled.write(oneByte, 0, 1)),
                () -> assertThrows(IOException.class, () -> closed.write(oneByte, 0, 1)),
                () -> assertThrows(IOException.class, closed::commit),
                () -> assertEquals(0, driver.stat(path("committed")).size()),
                () -> assertThrows(PathNotFoundException.class, () -> driver.stat(path("cancelled"))));
    }

    // --- stat ---

    @Test
    void statDescribesAFile() throws IOException {
        Instant earliest = Instant.now().minus(CLOCK_TOLERANCE);
        write(path("file"), randomBytes(4096));
        Instant latest = Instant.now().plus(CLOCK_TOLERANCE);

        FileInfo info = driver.stat(path("file"));

        assertEquals(path("file"), info.path());
        assertEquals(4096, info.size());
        assertFalse(info.directory());
        assertTrue(!info.modifiedAt().isBefore(earliest) && !info.modifiedAt().isAfter(latest),
                () -> "modified at " + info.modifiedAt() + ", expected about now");
    }

    @Test
    void statDescribesADirectory() throws IOException {
        write(path("dir/file"), randomBytes(10));

        FileInfo info = driver.stat(path("dir"));

        assertEquals(path("dir"), info.path());
        assertTrue(info.directory());
        assertEquals(0, info.size());
    }

    // --- missing paths ---

    @Test
    void statOfAMissingPathFails() {
        assertThrows(PathNotFoundException.class, () -> driver.stat(path("missing")));
        assertThrows(PathNotFoundException.class, () -> driver.stat(path("missing/deeper")));
    }

    @Test
    void readerOfAMissingPathFails() {
        assertThrows(PathNotFoundException.class, () -> driver.reader(path("missing"), 0));
        assertThrows(PathNotFoundException.class, () -> driver.reader(path("missing"), 64));
    }

    @Test
    void readerOfADirectoryFailsAsNothingIsStoredThere() throws IOException {
        write(path("dir/file"), randomBytes(10));
        assertThrows(PathNotFoundException.class, () -> driver.reader(path("dir"), 0));
    }

    @Test
    void deleteOfAMissingPathFails() {
        assertThrows(PathNotFoundException.class, () -> driver.delete(path("missing")));
    }

    @Test
    void listOfAMissingDirectoryFails() {
        assertThrows(PathNotFoundException.class, () -> driver.list(path("missing")));
    }

    /** A file has no children: drivers answer like for a missing directory rather than with an empty list. */
    @Test
    void listOfAFileFails() throws IOException {
        write(path("file"), randomBytes(10));
        assertThrows(PathNotFoundException.class, () -> driver.list(path("file")));
    }

    @Test
    void moveOfAMissingSourceFailsAndKeepsTheDestination() throws IOException {
        byte[] content = randomBytes(100);
        write(path("dest"), content);
        assertThrows(PathNotFoundException.class, () -> driver.move(path("missing"), path("dest")));
        assertArrayEquals(content, readAll(path("dest"), 0));
    }

    // --- list ---

    @Test
    void listReturnsTheDirectChildrenSortedAsFullPaths() throws IOException {
        for (String file : List.of("dir/b", "dir/a", "dir/Z", "dir/sub/nested", "dir/sub/deeper/file", "dir-x/file")) {
            write(path(file), randomBytes(10));
        }
        assertEquals(List.of(path("dir/Z"), path("dir/a"), path("dir/b"), path("dir/sub")), driver.list(path("dir")));
        assertEquals(List.of(path("dir"), path("dir-x")), driver.list(testDirectory));
    }

    @Test
    void listOfTheRootShowsTopLevelEntries() throws IOException {
        write(path("file"), randomBytes(10));

        List<String> topLevel = driver.list(StoragePaths.ROOT);

        assertTrue(topLevel.contains(testDirectory), () -> topLevel + " lacks " + testDirectory);
        assertEquals(topLevel.stream().sorted().toList(), topLevel);
        topLevel.forEach(entry -> assertEquals(0, entry.lastIndexOf('/'), entry));
    }

    // --- move ---

    @Test
    void moveReplacesTheDestinationAndRemovesTheSource() throws IOException {
        byte[] incoming = randomBytes(2048);
        write(path("source"), incoming);
        write(path("dest"), randomBytes(100));

        driver.move(path("source"), path("dest"));

        assertArrayEquals(incoming, readAll(path("dest"), 0));
        assertThrows(PathNotFoundException.class, () -> driver.stat(path("source")));
    }

    @Test
    void moveCreatesTheDestinationDirectories() throws IOException {
        byte[] content = randomBytes(100);
        write(path("uploads/u1/data"), content);

        driver.move(path("uploads/u1/data"), path("blobs/sha256/ab/abcd/data"));

        assertArrayEquals(content, readAll(path("blobs/sha256/ab/abcd/data"), 0));
    }

    // --- delete ---

    @Test
    void deleteRemovesAFileAndKeepsItsSiblings() throws IOException {
        byte[] sibling = randomBytes(10);
        write(path("dir/doomed"), randomBytes(10));
        write(path("dir/sibling"), sibling);

        driver.delete(path("dir/doomed"));

        assertThrows(PathNotFoundException.class, () -> driver.stat(path("dir/doomed")));
        assertArrayEquals(sibling, readAll(path("dir/sibling"), 0));
    }

    @Test
    void deleteRemovesAWholeTree() throws IOException {
        List<String> tree = List.of("tree/a", "tree/sub/b", "tree/sub/deeper/c");
        for (String file : tree) {
            write(path(file), randomBytes(10));
        }
        write(path("kept"), randomBytes(10));

        driver.delete(path("tree"));

        for (String file : tree) {
            assertThrows(PathNotFoundException.class, () -> driver.stat(path(file)), file);
        }
        assertEquals(List.of(path("kept")), driver.list(testDirectory));
    }

    /**
     * A writer still open below a deleted directory (an upload session ended while a chunk streams in) does not
     * make the delete fail. What it stores later, if anything, a second delete removes.
     */
    @Test
    void deleteOfADirectoryWithAWriterStillOpenSucceeds() throws IOException {
        write(path("session/earlier"), randomBytes(10));
        FileWriter writer = driver.writer(path("session/data"), true);
        writer.write(randomBytes(100), 0, 100);

        driver.delete(path("session"));

        assertThrows(PathNotFoundException.class, () -> driver.stat(path("session/earlier")));
        try {
            writer.close();
        } catch (IOException lostWithItsDirectory) {
            // allowed: the writer's content went with its directory
        }
        deleteIfPresent(path("session"));
        assertThrows(PathNotFoundException.class, () -> driver.stat(path("session")));
    }

    /**
     * Files arriving in a directory while it is deleted (a request still writing into an ended upload session)
     * never make the delete fail: it fails only when there was nothing to delete. What arrived meanwhile may stay;
     * once the writing stopped, one more delete leaves nothing.
     */
    @Test
    void deleteOfADirectoryBeingWrittenIntoNeverFails() throws Exception {
        int writers = 4;
        int files = 60;
        byte[] content = randomBytes(10);
        AtomicInteger writing = new AtomicInteger(writers);
        AtomicInteger deletes = new AtomicInteger();

        runConcurrently(writers + 1, worker -> {
            if (worker == writers) {
                while (writing.get() > 0 && deletes.incrementAndGet() < 1_000) {
                    deleteIfPresent(path("busy"));
                }
                return;
            }
            for (int file = 0; file < files; file++) {
                try {
                    write(path("busy/" + worker + "/" + file), content);
                } catch (IOException directoryDeletedUnderTheWriter) {
                    // allowed: a writer below a directory being deleted may fail
                }
            }
            writing.decrementAndGet();
        });

        assertTrue(deletes.get() > 0);
        deleteIfPresent(path("busy"));
        assertThrows(PathNotFoundException.class, () -> driver.stat(path("busy")));
    }

    /** Object stores have prefixes rather than directories; deleting {@code /a} must spare {@code /ab}. */
    @Test
    void deleteSparesPathsThatMerelyShareAPrefix() throws IOException {
        write(path("a/file"), randomBytes(10));
        write(path("a/file-suffix"), randomBytes(10));
        write(path("ab/file"), randomBytes(10));

        driver.delete(path("a/file"));
        assertEquals(List.of(path("a/file-suffix")), driver.list(path("a")));

        driver.delete(path("a"));
        assertEquals(List.of(path("ab")), driver.list(testDirectory));
    }

    // --- path validation ---

    @ParameterizedTest
    @ValueSource(strings = {"", "../x", "/a/../b", "/a//b", "a/b", "/a/b/", "/a/./b", "/a\\b", "/a/b%2F", "//",
            "/.", "/..", "/a/..", "/a b", "/a/\u00e9", "~/a", " /a"})
    void invalidPathsAreRejectedByEveryMethod(String invalid) throws IOException {
        byte[] content = randomBytes(10);
        write(path("valid"), content);
        assertRejectedByEveryMethod(invalid, path("valid"));
        assertArrayEquals(content, readAll(path("valid"), 0));
    }

    @Test
    void theRootCanBeListedButNotUsedAsAFile() throws IOException {
        write(path("valid"), randomBytes(10));
        assertAll(
                () -> assertThrows(InvalidPathException.class, () -> driver.reader(StoragePaths.ROOT, 0)),
                () -> assertThrows(InvalidPathException.class, () -> driver.writer(StoragePaths.ROOT, false)),
                () -> assertThrows(InvalidPathException.class, () -> driver.stat(StoragePaths.ROOT)),
                () -> assertThrows(InvalidPathException.class, () -> driver.delete(StoragePaths.ROOT)),
                () -> assertThrows(InvalidPathException.class, () -> driver.move(StoragePaths.ROOT, path("x"))),
                () -> assertThrows(InvalidPathException.class, () -> driver.move(path("valid"), StoragePaths.ROOT)));
        assertTrue(driver.list(StoragePaths.ROOT).contains(testDirectory));
    }

    // --- concurrency and size ---

    @Test
    void concurrentWritersOfDifferentFilesDoNotInterfere() throws Exception {
        int writers = 8;
        byte[][] contents = new byte[writers][];
        for (int i = 0; i < writers; i++) {
            contents[i] = randomBytes(MIB);
        }

        runConcurrently(writers, i -> write(path("parallel/" + i), contents[i]));

        for (int i = 0; i < writers; i++) {
            assertArrayEquals(contents[i], readAll(path("parallel/" + i), 0), "file " + i);
        }
    }

    /** Two uploads of the same blob both commit into its content-addressed path. */
    @Test
    void concurrentMovesOfIdenticalContentIntoOneDestinationLeaveThatContent() throws Exception {
        int uploads = 8;
        byte[] content = randomBytes(MIB);
        String blob = path("blobs/sha256/ab/abcdef/data");
        CyclicBarrier allWritten = new CyclicBarrier(uploads);

        runConcurrently(uploads, i -> {
            String upload = path("uploads/" + i + "/data");
            write(upload, content);
            allWritten.await(CONCURRENCY_TIMEOUT_SECONDS, SECONDS);
            driver.move(upload, blob);
        });

        assertArrayEquals(content, readAll(blob, 0));
        for (int i = 0; i < uploads; i++) {
            String upload = path("uploads/" + i + "/data");
            assertThrows(PathNotFoundException.class, () -> driver.stat(upload), upload);
        }
    }

    /**
     * Deletes may tidy up directories they leave empty while other writers are just creating files in
     * them; neither side may fail.
     */
    @Test
    void writersAndDeletesSharingADirectoryDoNotTripOverEachOther() throws Exception {
        int workers = 8;
        int rounds = 300;
        byte[] content = randomBytes(100);

        runConcurrently(workers, worker -> {
            for (int round = 0; round < rounds; round++) {
                String file = path("shared/dir/" + worker + "-" + round);
                write(file, content);
                assertArrayEquals(content, readAll(file, 0), file);
                driver.delete(file);
            }
        });
    }

    @Test
    void concurrentReadersEachSeeTheirPart() throws Exception {
        int readers = 8;
        byte[] content = randomBytes(2 * MIB);
        write(path("shared"), content);

        runConcurrently(readers, i -> {
            int offset = content.length / readers * i + i;
            assertArrayEquals(Arrays.copyOfRange(content, offset, content.length), readAll(path("shared"), offset));
        });
    }

    /** 32 MiB in 1 MiB writes, checked by digest so that neither side holds the file in memory. */
    @Test
    void largeFileStreamsThroughIntact() throws Exception {
        int chunks = 32;
        byte[] chunk = new byte[MIB];
        MessageDigest writtenDigest = sha256();
        try (FileWriter writer = driver.writer(path("large"), false)) {
            for (int i = 0; i < chunks; i++) {
                random.nextBytes(chunk);
                writtenDigest.update(chunk);
                writer.write(chunk, 0, chunk.length);
            }
            assertEquals((long) chunks * MIB, writer.size());
            writer.commit();
        }
        assertEquals((long) chunks * MIB, driver.stat(path("large")).size());

        MessageDigest readDigest = sha256();
        try (InputStream in = new DigestInputStream(driver.reader(path("large"), 0), readDigest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        assertArrayEquals(writtenDigest.digest(), readDigest.digest());
    }

    // --- helpers for this suite and the drivers' own tests ---

    /** The path of {@code relative} inside this test's own directory. */
    protected String path(String relative) {
        return testDirectory + "/" + relative;
    }

    /** Writes {@code content} to {@code path} in one committed session, replacing what was there. */
    protected void write(String path, byte[] content) throws IOException {
        try (FileWriter writer = driver.writer(path, false)) {
            writeInChunks(writer, content);
            writer.commit();
        }
    }

    /** Deletes {@code path}; nothing there is no error. */
    protected void deleteIfPresent(String path) throws IOException {
        try {
            driver.delete(path);
        } catch (PathNotFoundException nothingThere) {
            // already gone
        }
    }

    protected byte[] readAll(String path, long offset) throws IOException {
        try (InputStream in = driver.reader(path, offset)) {
            return in.readAllBytes();
        }
    }

    protected byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Asserts every driver method refuses {@code invalid}, in either position of a move. */
    protected void assertRejectedByEveryMethod(String invalid, String validFile) {
        assertAll("path \"" + invalid + "\"",
                () -> assertThrows(InvalidPathException.class, () -> driver.reader(invalid, 0)),
                () -> assertThrows(InvalidPathException.class, () -> driver.writer(invalid, false)),
                () -> assertThrows(InvalidPathException.class, () -> driver.writer(invalid, true)),
                () -> assertThrows(InvalidPathException.class, () -> driver.stat(invalid)),
                () -> assertThrows(InvalidPathException.class, () -> driver.list(invalid)),
                () -> assertThrows(InvalidPathException.class, () -> driver.delete(invalid)),
                () -> assertThrows(InvalidPathException.class, () -> driver.move(invalid, validFile)),
                () -> assertThrows(InvalidPathException.class, () -> driver.move(validFile, invalid)));
    }

    private static void writeInChunks(FileWriter writer, byte[] content) throws IOException {
        for (int offset = 0; offset < content.length; offset += WRITE_CHUNK) {
            writer.write(content, offset, Math.min(WRITE_CHUNK, content.length - offset));
        }
    }

    private static byte[] concat(byte[]... parts) {
        byte[] joined = new byte[Arrays.stream(parts).mapToInt(part -> part.length).sum()];
        int position = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, position, part.length);
            position += part.length;
        }
        return joined;
    }

    private static MessageDigest sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256");
    }

    /** Starts {@code count} copies of {@code task} at once and fails if any fails or they take too long. */
    private static void runConcurrently(int count, IndexedTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                running.add(pool.submit(() -> {
                    start.await();
                    task.run(index);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : running) {
                future.get(CONCURRENCY_TIMEOUT_SECONDS, SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface IndexedTask {
        void run(int index) throws Exception;
    }

    private static byte[] readFile(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
