package io.wharf.registry.digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/** The digest algorithms the OCI image spec registers. */
public enum DigestAlgorithm {
    SHA256("sha256", "SHA-256", 64),
    SHA512("sha512", "SHA-512", 128);

    private final String prefix;
    private final String jcaName;
    private final Pattern hexPattern;

    DigestAlgorithm(String prefix, String jcaName, int hexLength) {
        this.prefix = prefix;
        this.jcaName = jcaName;
        this.hexPattern = Pattern.compile("[a-f0-9]{" + hexLength + "}");
    }

    public static Optional<DigestAlgorithm> byPrefix(String prefix) {
        return Arrays.stream(values()).filter(a -> a.prefix.equals(prefix)).findFirst();
    }

    public String prefix() {
        return prefix;
    }

    boolean isValidHex(String hex) {
        return hex != null && hexPattern.matcher(hex).matches();
    }

    public MessageDigest newMessageDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides " + jcaName, e);
        }
    }

    public Digest digestOf(MessageDigest finished) {
        return new Digest(this, HexFormat.of().formatHex(finished.digest()));
    }

    public Digest digestOf(byte[] content) {
        MessageDigest messageDigest = newMessageDigest();
        messageDigest.update(content);
        return digestOf(messageDigest);
    }
}
