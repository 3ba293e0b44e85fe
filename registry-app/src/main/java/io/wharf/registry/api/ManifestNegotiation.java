package io.wharf.registry.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Content negotiation for manifests. The registry never converts between formats, so it serves the stored
 * manifest when the client accepts its media type (or sends no Accept header) and otherwise answers that
 * no manifest of an acceptable type exists, as CNCF Distribution does for OCI content and old clients.
 */
final class ManifestNegotiation {

    private ManifestNegotiation() {
    }

    static boolean accepts(HttpServletRequest request, String mediaType) {
        List<String> headers = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        if (headers.isEmpty()) {
            return true;
        }
        MediaType stored = MediaType.parseMediaType(mediaType);
        try {
            return headers.stream()
                    .flatMap(header -> MediaType.parseMediaTypes(header).stream())
                    .anyMatch(accepted -> accepted.includes(stored));
        } catch (InvalidMediaTypeException malformed) {
            // A garbled Accept header says nothing usable about preferences: serve what is stored.
            return true;
        }
    }
}
