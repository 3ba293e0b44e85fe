package io.wharf.registry.upload;

/** How many bytes an upload session holds so far. */
public record UploadProgress(String uploadId, long size) {
}
