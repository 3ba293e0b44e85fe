package io.wharf.registry.storage;

import io.wharf.registry.digest.Digest;

/**
 * Every path the registry writes through its storage driver, in CNCF Distribution's spirit:
 * <pre>
 * /blobs/&lt;algorithm&gt;/&lt;first two hex digits&gt;/&lt;hex&gt;/data   a blob's verified content
 * /uploads/&lt;session id&gt;/data                               an upload session's staged content
 * </pre>
 * Nothing else is written; manifests live in the database.
 */
public final class StorageLayout {

    /** The folder of every upload session's folder. */
    public static final String UPLOADS = "/uploads";

    private static final String BLOBS = "/blobs";
    private static final String DATA = "/data";

    private StorageLayout() {
    }

    /** {@code /blobs/sha256/ab/abcdef.../}: fanned out by the first two hex digits, like Distribution. */
    public static String blobFolder(Digest digest) {
        return BLOBS + "/" + digest.algorithm().prefix() + "/" + digest.hex().substring(0, 2) + "/" + digest.hex();
    }

    /** The content of the blob {@code digest}; the path exists only once the content matched the digest. */
    public static String blobData(Digest digest) {
        return blobFolder(digest) + DATA;
    }

    /** {@code /uploads/<id>}: everything of one upload session, removed whole when the session ends. */
    public static String uploadFolder(String uploadId) {
        return UPLOADS + "/" + uploadId;
    }

    /** The bytes an upload session received so far. */
    public static String uploadData(String uploadId) {
        return uploadFolder(uploadId) + DATA;
    }

    /** The session id of a folder {@link #UPLOADS} lists. */
    public static String uploadIdOf(String uploadFolder) {
        return uploadFolder.substring(UPLOADS.length() + 1);
    }
}
