package io.wharf.registry.storage;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Where blobs and upload sessions are stored.
 *
 * @param driver which storage driver to use: {@code filesystem} (default) or {@code s3}
 * @param filesystem settings of the filesystem driver
 * @param s3 settings of the S3 driver
 */
@ConfigurationProperties("wharf.storage")
public record StorageProperties(String driver, Filesystem filesystem, S3 s3) {

    /** @param root the folder the filesystem driver keeps everything under */
    public record Filesystem(Path root) {
    }

    /**
     * The S3 driver (AWS S3 or an S3-compatible store such as MinIO); see {@code io.wharf.storage.s3.S3Settings}.
     *
     * @param bucket the bucket, which must exist
     * @param endpoint the store's URL; empty for AWS S3
     * @param region the signing region
     * @param pathStyle {@code endpoint/bucket} addressing (MinIO and most S3-compatible stores need it)
     * @param accessKey static credentials; empty for the AWS default chain (environment, profile, role)
     * @param secretKey see {@code accessKey}
     * @param prefix a key prefix everything is stored below
     * @param partSize multipart part size (at least 5MB); each upload in progress collects one part
     * @param partMemory heap for the parts uploads collect; beyond it an upload collects its part in a file in
     *     {@code spoolFolder}
     * @param spoolFolder a local folder for those parts
     * @param sse server-side encryption: empty, {@code AES256} or {@code aws:kms}
     * @param checksumsWhenRequired checksums only where S3 requires them, which S3-compatible stores accept
     * @param redirect answer blob GETs with 307 to a presigned URL of the bucket instead of streaming them
     */
    public record S3(String bucket, String endpoint, String region, boolean pathStyle, String accessKey,
            String secretKey, String prefix, DataSize partSize, DataSize partMemory, Path spoolFolder, String sse,
            boolean checksumsWhenRequired, boolean redirect) {
    }
}
