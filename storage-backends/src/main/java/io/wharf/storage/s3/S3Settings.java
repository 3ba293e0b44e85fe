package io.wharf.storage.s3;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@link S3Driver} reaches its bucket.
 *
 * @param bucket the bucket everything is stored in; it must exist
 * @param endpoint an S3-compatible endpoint (MinIO, S3Proxy, ...), or {@code null} for AWS S3 in {@code region}
 * @param region the signing region
 * @param pathStyle address the bucket as {@code endpoint/bucket} rather than {@code bucket.endpoint}; most
 *     S3-compatible stores need it
 * @param accessKey with {@code secretKey}: static credentials; {@code null} uses the SDK's default chain
 *     (environment, profile, instance or task role)
 * @param secretKey see {@code accessKey}
 * @param prefix a key prefix all paths are stored below ({@code ""} for the bucket's root)
 * @param partSize bytes per multipart-upload part, at least 5 MiB; each writer in use collects one part
 * @param partMemory heap for the parts writers collect; a writer beyond it collects its part in a file in
 *     {@code spoolFolder}
 * @param spoolFolder a local folder for those parts (made owner-only; part files untouched for an hour are deleted)
 * @param serverSideEncryption {@code null}, {@code AES256} or {@code aws:kms}
 * @param checksumsWhenRequired compute and validate checksums only where an operation requires them (what
 *     S3-compatible stores understand) rather than on every request, the SDK's default for AWS S3
 * @param redirect hand out presigned GET URLs so clients fetch content from the bucket directly
 */
public record S3Settings(String bucket, URI endpoint, String region, boolean pathStyle, String accessKey,
        String secretKey, String prefix, int partSize, long partMemory, Path spoolFolder, String serverSideEncryption,
        boolean checksumsWhenRequired, boolean redirect) {

    /** S3's smallest part size (but for the last part of an upload). */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    public static final int DEFAULT_PART_SIZE = 10 * 1024 * 1024;
    public static final String DEFAULT_REGION = "us-east-1";

    public S3Settings {
        Objects.requireNonNull(bucket, "bucket");
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("partSize " + partSize + " is below S3's minimum " + MIN_PART_SIZE);
        }
        Objects.requireNonNull(spoolFolder, "spoolFolder");
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("accessKey and secretKey go together");
        }
        region = region == null || region.isBlank() ? DEFAULT_REGION : region;
        prefix = normalizePrefix(prefix);
    }

    /** {@code ""}, or the prefix without leading and with one trailing slash. */
    private static String normalizePrefix(String prefix) {
        String trimmed = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? "" : trimmed + "/";
    }
}
