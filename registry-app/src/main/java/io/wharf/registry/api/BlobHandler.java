package io.wharf.registry.api;

import io.wharf.contract.proxy.ProxiedName;
import io.wharf.registry.blob.Blob;
import io.wharf.registry.blob.BlobService;
import io.wharf.registry.blob.BlobStore;
import io.wharf.registry.digest.Digest;
import io.wharf.registry.error.RegistryException;
import io.wharf.registry.proxy.ProxyDefinitions;
import io.wharf.registry.proxy.PullThroughCache;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * {@code /v2/<name>/blobs/<digest>}: fetch (whole or a byte range), check, delete. A fetch from a pull-through cache's
 * repository (or the mirror path) goes through the {@link PullThroughCache}.
 */
@Component
class BlobHandler implements ResourceHandler {

    private static final int COPY_BUFFER_BYTES = 256 * 1024;
    /** Tomcat's sendfile request attributes (its NIO connector sends such a file region with FileChannel.transferTo). */
    private static final String SENDFILE_SUPPORTED = "org.apache.tomcat.sendfile.support";
    private static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";
    private static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    private static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";

    private final BlobService blobs;
    private final BlobStore store;
    private final ProxyDefinitions proxies;
    private final PullThroughCache cache;

    BlobHandler(BlobService blobs, BlobStore store, ProxyDefinitions proxies, PullThroughCache cache) {
        this.blobs = blobs;
        this.store = store;
        this.proxies = proxies;
        this.cache = cache;
    }

    @Override
    public Route route() {
        return Route.BLOB;
    }

    @Override
    public void handle(RegistryRequest request, HttpServletResponse response) throws IOException {
        Digest digest = Digest.parse(request.reference());
        switch (request.method()) {
            case "GET", "HEAD" -> fetch(request, digest, response);
            case "DELETE" -> {
                blobs.unlink(request.name(), digest);
                response.setStatus(HttpServletResponse.SC_ACCEPTED);
                response.setContentLength(0);
            }
            default -> throw request.unsupportedMethod();
        }
    }

    private void fetch(RegistryRequest request, Digest digest, HttpServletResponse response) throws IOException {
        Optional<ProxiedName> proxied = proxies.resolve(request.name());
        if (proxied.isEmpty()) {
            serve(request, blobs.requireLinked(request.name(), digest), response);
            return;
        }
        if (proxied.get().viaMirror() && request.isHead()) {
            // On the mirror path a HEAD is a pusher asking whether a new top-level repository already holds a blob
            // (pullers GET blobs). Answering from the upstream would make it skip an upload its manifest needs, or
            // fail while the upstream is down; so it gets only what the cache holds.
            serve(request, blobs.requireLinked(proxied.get().stored(), digest), response);
            return;
        }
        PullThroughCache.BlobSource source = cache.blob(proxied.get(), digest);
        if (source instanceof PullThroughCache.BlobSource.Arriving arriving) {
            serveArriving(request, arriving, response);
        } else if (source instanceof PullThroughCache.BlobSource.Stored stored) {
            serve(request, stored.blob(), response);
        }
    }

    /**
     * A blob still arriving from a cache's upstream, whole (a Range is ignored, as HTTP allows). Should the transfer
     * fail, the stream fails before its end and the connection is aborted: the client sees a short answer.
     */
    private static void serveArriving(RegistryRequest request, PullThroughCache.BlobSource.Arriving arriving,
            HttpServletResponse response) throws IOException {
        try (InputStream content = arriving.content()) {
            setContentHeaders(response, arriving.digest());
            response.setContentLengthLong(arriving.size());
            if (!request.isHead() && arriving.size() > 0) {
                copy(content, response.getOutputStream(), arriving.size());
            }
        }
    }

    private void serve(RegistryRequest request, Blob blob, HttpServletResponse response) throws IOException {
        Digest digest = Digest.parse(blob.digest());
        Optional<URI> redirect = request.isHead() ? Optional.empty() : store.redirectUrl(digest);
        if (redirect.isPresent()) {
            // Clients follow it with their Range header; the bytes then come from the bucket, not this process.
            response.setStatus(HttpServletResponse.SC_TEMPORARY_REDIRECT);
            response.setHeader(HttpHeaders.LOCATION, redirect.get().toString());
            response.setHeader(Headers.CONTENT_DIGEST, blob.digest());
            response.setContentLength(0);
            return;
        }
        ByteRange range = requestedRange(request, blob, response).orElse(null);
        setContentHeaders(response, blob.digest());
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        if (range != null) {
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader(HttpHeaders.CONTENT_RANGE,
                    "bytes " + range.start() + "-" + range.end() + "/" + blob.size());
        }
        long start = range == null ? 0 : range.start();
        long length = range == null ? blob.size() : range.length();
        response.setContentLengthLong(length);
        if (request.isHead() || length == 0) {
            return;
        }
        if (sendFile(request, digest, start, length)) {
            return;
        }
        try (InputStream content = blobs.open(blob, start)) {
            copy(content, response.getOutputStream(), length);
        }
    }

    private static void setContentHeaders(HttpServletResponse response, String digest) {
        response.setHeader(Headers.CONTENT_DIGEST, digest);
        response.setHeader(HttpHeaders.ETAG, "\"" + digest + "\"");
        // Content-addressed: the bytes behind this URL never change.
        response.setHeader(HttpHeaders.CACHE_CONTROL, "max-age=31536000");
        response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
    }

    /**
     * Hands the blob's file region to the servlet container, which sends it from the page cache to the socket
     * (sendfile) after this method returns: no copy through the JVM, and no request thread held while it is sent.
     * Only for drivers that keep blobs in local files; false otherwise.
     */
    private boolean sendFile(RegistryRequest request, Digest digest, long start, long length) {
        if (!Boolean.TRUE.equals(request.servlet().getAttribute(SENDFILE_SUPPORTED))) {
            return false;
        }
        Optional<Path> file = store.localFile(digest);
        if (file.isEmpty()) {
            return false;
        }
        request.servlet().setAttribute(SENDFILE_FILENAME, file.get().toString());
        request.servlet().setAttribute(SENDFILE_START, start);
        request.servlet().setAttribute(SENDFILE_END, start + length);
        return true;
    }

    private static Optional<ByteRange> requestedRange(RegistryRequest request, Blob blob,
            HttpServletResponse response) {
        String header = request.header(HttpHeaders.RANGE);
        // RFC 9110: Range applies to GET only; a HEAD describes the whole blob.
        if (header == null || !"GET".equals(request.method())) {
            return Optional.empty();
        }
        try {
            return ByteRange.parse(header, blob.size());
        } catch (RegistryException unsatisfiable) {
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + blob.size());
            throw unsatisfiable;
        }
    }

    private static void copy(InputStream content, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[(int) Math.min(COPY_BUFFER_BYTES, length)];
        long remaining = length;
        while (remaining > 0) {
            int read = content.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (read < 0) {
                throw new IOException("blob ended " + remaining + " bytes early");
            }
            out.write(buffer, 0, read);
            remaining -= read;
        }
    }
}
