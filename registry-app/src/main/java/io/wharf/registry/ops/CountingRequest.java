package io.wharf.registry.ops;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A request whose body counts the bytes read from it: chunked uploads (what docker sends) have no Content-Length,
 * so what was pushed is only known by counting. One addition per read of a buffer; no copy.
 */
final class CountingRequest extends HttpServletRequestWrapper {

    private long bytesRead;
    private ServletInputStream body;

    CountingRequest(HttpServletRequest request) {
        super(request);
    }

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (body == null) {
            body = new CountingStream(super.getInputStream());
        }
        return body;
    }

    private final class CountingStream extends ServletInputStream {

        private final ServletInputStream delegate;

        CountingStream(ServletInputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public int read() throws IOException {
            int read = delegate.read();
            if (read >= 0) {
                bytesRead++;
            }
            return read;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = delegate.read(buffer, offset, length);
            if (read > 0) {
                bytesRead += read;
            }
            return read;
        }

        @Override
        public int read(ByteBuffer buffer) throws IOException {
            int read = delegate.read(buffer);
            if (read > 0) {
                bytesRead += read;
            }
            return read;
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
