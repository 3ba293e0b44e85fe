package io.wharf.storage.s3;

import io.wharf.storage.FileInfo;
import io.wharf.storage.FileWriter;
import io.wharf.storage.InvalidOffsetException;
import io.wharf.storage.PathNotFoundException;
import io.wharf.storage.StorageDriver;
import io.wharf.storage.StoragePaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Stores each path as an object {@code <prefix><path without its leading slash>} in one bucket (AWS S3 or any
 * S3-compatible store). Directories are key prefixes: they exist while something is stored below them.
 *
 * <p>A {@link FileWriter} streams into a multipart upload, buffering one part at a time. Closing it completes
 * the upload, so what was written is an ordinary object that any process can read (the registry re-reads an
 * upload's prefix to rebuild its digest on another replica) and that a later append writer continues: as a
 * server-side copy into a new multipart upload when it is a valid part (at least 5 MiB), or read back into the
 * part buffer when smaller.
 *
 * <p>Thread-safe; any number of instances (processes, replicas) may share a bucket.
 */
public class S3Driver implements StorageDriver, AutoCloseable {

    /** The largest object CopyObject (and a part UploadPartCopy) accepts. */
    static final long MAX_COPY_SIZE = 5L * 1024 * 1024 * 1024;

    private final S3Settings settings;
    private final S3Client s3;
    private final S3Presigner presigner;
    private final PartBuffers parts;

    public S3Driver(S3Settings settings) {
        this.settings = settings;
        try {
            this.parts = new PartBuffers(settings.partSize(), settings.partMemory(), settings.spoolFolder());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the S3 part spool folder " + settings.spoolFolder(), e);
        }
        AwsCredentialsProvider credentials = settings.accessKey() != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()))
                : DefaultCredentialsProvider.builder().build();
        var client = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                .requestChecksumCalculation(settings.checksumsWhenRequired()
                        ? RequestChecksumCalculation.WHEN_REQUIRED : RequestChecksumCalculation.WHEN_SUPPORTED)
                .responseChecksumValidation(settings.checksumsWhenRequired()
                        ? ResponseChecksumValidation.WHEN_REQUIRED : ResponseChecksumValidation.WHEN_SUPPORTED);
        var presign = S3Presigner.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        if (settings.endpoint() != null) {
            client.endpointOverride(settings.endpoint());
            presign.endpointOverride(settings.endpoint());
        }
        this.s3 = client.build();
        this.presigner = presign.build();
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        String key = key(StoragePaths.requireValid(path));
        if (offset < 0) {
            throw new InvalidOffsetException(path, offset);
        }
        return translated(() -> {
            var request = GetObjectRequest.builder().bucket(settings.bucket()).key(key);
            if (offset > 0) {
                request.range("bytes=" + offset + "-");
            }
            try {
                return s3.getObject(request.build());
            } catch (NoSuchKeyException e) {
                throw notFound(path, e);
            } catch (S3Exception e) {
                if (e.statusCode() != 416) {
                    throw e;
                }
                // S3 refuses a range starting at the end; the contract reads nothing there.
                if (head(key).map(HeadObjectResponse::contentLength).orElseThrow(() -> notFound(path, e)) == offset) {
                    return InputStream.nullInputStream();
                }
                throw new InvalidOffsetException(path, offset);
            }
        });
    }

    @Override
    public FileWriter writer(String path, boolean append) throws IOException {
        String key = key(StoragePaths.requireValid(path));
        return translated(() -> {
            long storedSize = append ? head(key).map(HeadObjectResponse::contentLength).orElse(-1L) : -1;
            return new S3FileWriter(this, key, storedSize);
        });
    }

    @Override
    public FileInfo stat(String path) throws IOException {
        String key = key(StoragePaths.requireValid(path));
        return translated(() -> {
            Optional<HeadObjectResponse> file = head(key);
            if (file.isPresent()) {
                return new FileInfo(path, file.get().contentLength(), file.get().lastModified(), false);
            }
            ListObjectsV2Response below = s3.listObjectsV2(ListObjectsV2Request.builder()
                    .bucket(settings.bucket()).prefix(key + "/").maxKeys(1).build());
            if (below.contents().isEmpty()) {
                throw new PathNotFoundException(path);
            }
            return new FileInfo(path, 0, below.contents().get(0).lastModified(), true);
        });
    }

    @Override
    public List<String> list(String path) throws IOException {
        String prefix = directoryPrefix(StoragePaths.requireValidOrRoot(path));
        return translated(() -> {
            List<String> children = new ArrayList<>();
            var pages = s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
                    .bucket(settings.bucket()).prefix(prefix).delimiter("/").build());
            for (ListObjectsV2Response page : pages) {
                page.contents().forEach(object -> children.add(pathOf(object.key())));
                page.commonPrefixes().forEach(directory -> children.add(pathOf(directory.prefix())));
            }
            if (children.isEmpty() && !StoragePaths.ROOT.equals(path)) {
                throw new PathNotFoundException(path);
            }
            return children.stream().sorted().toList();
        });
    }

    @Override
    public void move(String sourcePath, String destPath) throws IOException {
        String source = key(StoragePaths.requireValid(sourcePath));
        String dest = key(StoragePaths.requireValid(destPath));
        translated(() -> {
            long size = head(source).map(HeadObjectResponse::contentLength)
                    .orElseThrow(() -> new PathNotFoundException(sourcePath));
            try {
                if (size <= MAX_COPY_SIZE) {
                    s3.copyObject(encrypted(CopyObjectRequest.builder(), CopyObjectRequest.Builder::serverSideEncryption)
                            .sourceBucket(settings.bucket()).sourceKey(source)
                            .destinationBucket(settings.bucket()).destinationKey(dest).build());
                } else {
                    String uploadId = createMultipartUpload(dest);
                    completeMultipartUpload(dest, uploadId, copyParts(dest, uploadId, source, size, 1));
                }
            } catch (NoSuchKeyException e) {
                throw notFound(sourcePath, e);
            }
            s3.deleteObject(request -> request.bucket(settings.bucket()).key(source));
            return null;
        });
    }

    @Override
    public void delete(String path) throws IOException {
        String key = key(StoragePaths.requireValid(path));
        translated(() -> {
            boolean found = head(key).isPresent();
            if (found) {
                s3.deleteObject(request -> request.bucket(settings.bucket()).key(key));
            }
            // One DeleteObject per key: DeleteObjects needs a checksum header several S3-compatible stores refuse.
            for (S3Object below : s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
                    .bucket(settings.bucket()).prefix(key + "/").build()).contents()) {
                found = true;
                s3.deleteObject(request -> request.bucket(settings.bucket()).key(below.key()));
            }
            abortUnfinishedUploads(key);
            if (!found) {
                throw new PathNotFoundException(path);
            }
            return null;
        });
    }

    /**
     * A writer killed mid-part leaves an unfinished multipart upload that S3 bills for and never shows: deleting
     * the path (an expired upload session) aborts those at or below it.
     */
    private void abortUnfinishedUploads(String key) {
        s3.listMultipartUploadsPaginator(request -> request.bucket(settings.bucket()).prefix(key)).uploads().stream()
                .filter(upload -> upload.key().equals(key) || upload.key().startsWith(key + "/"))
                .forEach(upload -> s3.abortMultipartUpload(request -> request.bucket(settings.bucket())
                        .key(upload.key()).uploadId(upload.uploadId())));
    }

    @Override
    public Optional<URI> redirectUrl(String path, Duration validFor) {
        if (!settings.redirect()) {
            return Optional.empty();
        }
        String key = key(StoragePaths.requireValid(path));
        var presigned = presigner.presignGetObject(request -> request.signatureDuration(validFor)
                .getObjectRequest(get -> get.bucket(settings.bucket()).key(key)));
        return Optional.of(URI.create(presigned.url().toString()));
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }

    // --- shared with S3FileWriter ---

    S3Client client() {
        return s3;
    }

    String bucket() {
        return settings.bucket();
    }

    /** An empty part for a writer to collect bytes in; the writer closes it. */
    PartBuffers.Part takePart() throws IOException {
        return parts.take();
    }

    void putObject(String key, RequestBody content) {
        s3.putObject(encrypted(PutObjectRequest.builder(), PutObjectRequest.Builder::serverSideEncryption)
                        .bucket(settings.bucket()).key(key).build(), content);
    }

    String createMultipartUpload(String key) {
        return s3.createMultipartUpload(encrypted(CreateMultipartUploadRequest.builder(),
                CreateMultipartUploadRequest.Builder::serverSideEncryption)
                .bucket(settings.bucket()).key(key).build()).uploadId();
    }

    void completeMultipartUpload(String key, String uploadId, List<CompletedPart> parts) {
        s3.completeMultipartUpload(request -> request.bucket(settings.bucket()).key(key).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(parts)));
    }

    /**
     * Copies the object {@code sourceKey} of {@code size} bytes server-side into the upload as parts numbered from
     * {@code firstPartNumber}, in as few equal ranges as UploadPartCopy allows.
     */
    List<CompletedPart> copyParts(String key, String uploadId, String sourceKey, long size, int firstPartNumber) {
        long ranges = (size + MAX_COPY_SIZE - 1) / MAX_COPY_SIZE;
        long rangeSize = (size + ranges - 1) / ranges;
        List<CompletedPart> parts = new ArrayList<>();
        for (long start = 0; start < size; start += rangeSize) {
            int partNumber = firstPartNumber + parts.size();
            String range = "bytes=" + start + "-" + (Math.min(start + rangeSize, size) - 1);
            String etag = s3.uploadPartCopy(request -> request.sourceBucket(settings.bucket()).sourceKey(sourceKey)
                    .destinationBucket(settings.bucket()).destinationKey(key).uploadId(uploadId)
                    .partNumber(partNumber).copySourceRange(range)).copyPartResult().eTag();
            parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        }
        return parts;
    }

    Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(s3.headObject(request -> request.bucket(settings.bucket()).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /** Runs S3 calls, reporting the SDK's unchecked failures as the {@link IOException} the contract declares. */
    static <T> T translated(S3Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (SdkException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface S3Call<T> {
        T run() throws IOException;
    }

    // --- paths and keys ---

    private String key(String path) {
        return settings.prefix() + path.substring(1);
    }

    private String directoryPrefix(String path) {
        return StoragePaths.ROOT.equals(path) ? settings.prefix() : key(path) + "/";
    }

    /** The path of an object key or a common prefix (which ends with a slash). */
    private String pathOf(String keyOrPrefix) {
        String relative = keyOrPrefix.substring(settings.prefix().length());
        return StoragePaths.ROOT + (relative.endsWith("/") ? relative.substring(0, relative.length() - 1) : relative);
    }

    private <B> B encrypted(B builder, EncryptionSetter<B> setter) {
        return settings.serverSideEncryption() == null ? builder
                : setter.set(builder, ServerSideEncryption.fromValue(settings.serverSideEncryption()));
    }

    @FunctionalInterface
    private interface EncryptionSetter<B> {
        B set(B builder, ServerSideEncryption encryption);
    }

    private static PathNotFoundException notFound(String path, Exception cause) {
        PathNotFoundException notFound = new PathNotFoundException(path);
        notFound.initCause(cause);
        return notFound;
    }
}
