package io.wharf.registry.api;

import io.wharf.registry.digest.Digest;
import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import io.wharf.registry.upload.ChunkRange;
import io.wharf.registry.upload.UploadService;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * {@code /v2/<name>/blobs/uploads/<id>}: append a chunk ({@code PATCH}), finish against a digest
 * ({@code PUT ?digest=}, with or without a last chunk), report progress ({@code GET}), cancel ({@code DELETE}).
 */
@Component
class UploadHandler implements ResourceHandler {

    private final UploadService uploads;

    UploadHandler(UploadService uploads) {
        this.uploads = uploads;
    }

    @Override
    public Route route() {
        return Route.UPLOAD;
    }

    @Override
    public void handle(RegistryRequest request, HttpServletResponse response) throws IOException {
        String uploadId = request.reference();
        switch (request.method()) {
            case "PATCH" -> UploadResponses.inProgress(request,
                    uploads.append(request.name(), uploadId, request.servlet().getInputStream(), chunkRange(request),
                            request.servlet().getContentLengthLong()),
                    HttpServletResponse.SC_ACCEPTED, response);
            case "PUT" -> UploadResponses.created(request,
                    uploads.complete(request.name(), uploadId, requiredDigest(request),
                            request.servlet().getInputStream(), chunkRange(request),
                            request.servlet().getContentLengthLong()),
                    response);
            case "GET", "HEAD" -> UploadResponses.inProgress(request, uploads.status(request.name(), uploadId),
                    HttpServletResponse.SC_NO_CONTENT, response);
            case "DELETE" -> {
                uploads.cancel(request.name(), uploadId);
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            }
            default -> throw request.unsupportedMethod();
        }
    }

    private static ChunkRange chunkRange(RegistryRequest request) {
        String header = request.header(HttpHeaders.CONTENT_RANGE);
        return header == null ? null : ChunkRange.parse(header);
    }

    private static Digest requiredDigest(RegistryRequest request) {
        String digest = request.parameter("digest");
        if (digest == null) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "completing an upload needs ?digest=");
        }
        return Digest.parse(digest);
    }
}
