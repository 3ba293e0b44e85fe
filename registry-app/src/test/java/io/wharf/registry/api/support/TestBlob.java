package io.wharf.registry.api.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Content to push as a blob, with its digest: random bytes, a given text, or the OCI empty descriptor's {@code {}}. */
public record TestBlob(byte[] bytes, String digest) {

    public static final String OCTET_STREAM = "application/octet-stream";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
    public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";

    /** The empty JSON object {@code {}} the image spec names as the config of artifacts without one. */
    public static final TestBlob EMPTY_JSON = of("{}");

    public static TestBlob random(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return of(bytes);
    }

    public static TestBlob of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    public static TestBlob of(byte[] bytes) {
        return new TestBlob(bytes, sha256(bytes));
    }

    /** A random JSON config blob, unique so tests never share content by accident. */
    public static TestBlob randomConfig() {
        return of("{\"architecture\":\"amd64\",\"os\":\"linux\",\"nonce\":\"" + Long.toHexString(
                ThreadLocalRandom.current().nextLong()) + "\"}");
    }

    public static String sha256(byte[] bytes) {
        return "sha256:" + hex("SHA-256", bytes);
    }

    public static String sha512(byte[] bytes) {
        return "sha512:" + hex("SHA-512", bytes);
    }

    public String sha512() {
        return sha512(bytes);
    }

    public int size() {
        return bytes.length;
    }

    /** The hex part of the digest. */
    public String hex() {
        return digest.substring(digest.indexOf(':') + 1);
    }

    public byte[] slice(int from, int toExclusive) {
        return Arrays.copyOfRange(bytes, from, toExclusive);
    }

    public Descriptor descriptor(String mediaType) {
        return Descriptor.of(mediaType, digest, bytes.length);
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "TestBlob[" + digest + ", " + bytes.length + " bytes]";
    }
}
