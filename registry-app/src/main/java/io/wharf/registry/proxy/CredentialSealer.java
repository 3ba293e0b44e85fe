package io.wharf.registry.proxy;

import io.wharf.contract.files.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Seals upstream passwords for the database with AES-256-GCM (a fresh 96-bit nonce per password, stored in front of
 * the ciphertext): whoever reads the database alone learns nothing of them.
 */
@Component
class CredentialSealer {

    private static final String KEY_FILE = "proxy-credential.key";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    CredentialSealer(ProxyProperties properties, @Value("${wharf.data-dir}") String dataDirectory) {
        this.key = new SecretKeySpec(properties.credentialKey().isBlank()
                ? keyFile(Path.of(dataDirectory).toAbsolutePath().resolve("registry").resolve(KEY_FILE))
                : decodeKey(properties.credentialKey()), "AES");
    }

    String seal(String password) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce)
                    .put(sealed).array());
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("AES-GCM is unavailable", impossible);
        }
    }

    String open(String sealed) {
        byte[] bytes = Base64.getDecoder().decode(sealed);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException wrongKey) {
            throw new IllegalStateException("an upstream password cannot be unsealed: is"
                    + " wharf.registry.proxy.credential-key the key it was sealed with? Set the password again", wrongKey);
        }
    }

    private static byte[] decodeKey(String base64) {
        byte[] key = Base64.getDecoder().decode(base64.trim());
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("wharf.registry.proxy.credential-key must be the base64 of 32 bytes"
                    + " (openssl rand -base64 32), got " + key.length + " bytes");
        }
        return key;
    }

    /** Reads the key file, creating it owner-only with a random key the first time. */
    private byte[] keyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                OwnerOnly.createDirectories(file.getParent());
                byte[] fresh = new byte[KEY_BYTES];
                random.nextBytes(fresh);
                try {
                    Files.write(Files.createFile(file, OwnerOnly.file()),
                            Base64.getEncoder().encode(fresh));
                } catch (FileAlreadyExistsException anotherProcessWon) {
                    // read theirs below
                }
            }
            return decodeKey(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot keep the proxy credential key in " + file, unreadable);
        }
    }
}
