package io.wharf.registry.api;

import io.wharf.registry.blob.Blob;
import io.wharf.registry.upload.UploadProgress;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;

/** The headers the spec prescribes for answers about upload sessions and finished uploads. */
final class UploadResponses {

    private UploadResponses() {
    }

    /** An upload in progress: where to send the next chunk and which bytes are already there. */
    static void inProgress(RegistryRequest request, UploadProgress progress, int status,
            HttpServletResponse response) {
        response.setStatus(status);
        response.setHeader(HttpHeaders.LOCATION, request.repositoryPath() + "/blobs/uploads/" + progress.uploadId());
        response.setHeader(HttpHeaders.RANGE, "0-" + Math.max(0, progress.size() - 1));
        response.setHeader(Headers.UPLOAD_UUID, progress.uploadId());
        response.setContentLength(0);
    }

    /** A blob now available in the repository. */
    static void created(RegistryRequest request, Blob blob, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_CREATED);
        response.setHeader(HttpHeaders.LOCATION, request.repositoryPath() + "/blobs/" + blob.digest());
        response.setHeader(Headers.CONTENT_DIGEST, blob.digest());
        response.setContentLength(0);
    }
}
