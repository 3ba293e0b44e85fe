package io.wharf.registry.api;

import io.wharf.contract.name.RepositoryName;
import io.wharf.registry.auth.AccessGuard;
import io.wharf.registry.auth.RequiredAccess;
import io.wharf.registry.blob.Blob;
import io.wharf.registry.blob.BlobService;
import io.wharf.registry.digest.Digest;
import io.wharf.registry.upload.UploadService;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code POST /v2/<name>/blobs/uploads/}: starts an upload session, uploads a whole blob at once
 * ({@code ?digest=}), or mounts a blob from another repository ({@code ?mount=&from=}).
 */
@Component
class UploadsHandler implements ResourceHandler {

    private final UploadService uploads;
    private final BlobService blobs;
    private final AccessGuard guard;

    UploadsHandler(UploadService uploads, BlobService blobs, AccessGuard guard) {
        this.uploads = uploads;
        this.blobs = blobs;
        this.guard = guard;
    }

    @Override
    public Route route() {
        return Route.UPLOADS;
    }

    @Override
    public void handle(RegistryRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.method())) {
            throw request.unsupportedMethod();
        }
        String mount = request.parameter("mount");
        if (mount != null) {
            Optional<Blob> mounted = mount(request, Digest.parse(mount), request.parameter("from"));
            if (mounted.isPresent()) {
                UploadResponses.created(request, mounted.get(), response);
                return;
            }
        }
        String digest = request.parameter("digest");
        if (mount == null && digest != null) {
            Blob blob = uploads.uploadWhole(request.name(), Digest.parse(digest),
                    request.servlet().getInputStream(), request.servlet().getContentLengthLong());
            UploadResponses.created(request, blob, response);
            return;
        }
        UploadResponses.inProgress(request, uploads.start(request.name()), HttpServletResponse.SC_ACCEPTED,
                response);
    }

    /**
     * Mounts only from a valid repository the caller may pull from; anything else falls back to an
     * ordinary upload, as the spec asks, without telling whether the blob exists there.
     */
    private Optional<Blob> mount(RegistryRequest request, Digest digest, String from) {
        if (from == null || !RepositoryName.isValid(from)) {
            return Optional.empty();
        }
        RepositoryName source = new RepositoryName(from);
        if (!guard.permits(request.servlet(), RequiredAccess.pull(source))) {
            return Optional.empty();
        }
        return blobs.mount(request.name(), source, digest);
    }
}
