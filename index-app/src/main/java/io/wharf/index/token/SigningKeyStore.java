package io.wharf.index.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.wharf.contract.files.OwnerOnly;
import io.wharf.index.IndexProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The ES256 (ECDSA P-256) key that signs registry tokens. It is read from a JWK file, or generated into
 * that file on first start, so that tokens stay verifiable across restarts. The file holds the private
 * key and is readable by its owner only.
 *
 * <p>Replicas of the index must share the file (or be configured with the same one): each signs with
 * its key, and the registry trusts the keys the JWKS endpoint publishes.
 */
@Component
public class SigningKeyStore {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyStore.class);

    private final ECKey signingKey;

    @Autowired
    public SigningKeyStore(IndexProperties properties) {
        this(properties.token().signingKeyFile());
    }

    public SigningKeyStore(Path keyFile) {
        this.signingKey = Files.exists(keyFile) ? load(keyFile) : generateInto(keyFile);
    }

    public ECKey signingKey() {
        return signingKey;
    }

    /** The public half, as published at the JWKS endpoint. */
    public JWKSet publicKeys() {
        return new JWKSet(signingKey.toPublicJWK());
    }

    private static ECKey load(Path keyFile) {
        try {
            JWK jwk = JWK.parse(Files.readString(keyFile, StandardCharsets.UTF_8));
            if (!(jwk instanceof ECKey key) || !Curve.P_256.equals(key.getCurve()) || !key.isPrivate()) {
                throw new IllegalStateException("the token signing key " + keyFile
                        + " must be a private EC P-256 key (JWK with kty EC, crv P-256 and d)");
            }
            // A configured key without "kid" gets the RFC 7638 thumbprint, as generated keys have.
            return key.getKeyID() != null ? key : new ECKey.Builder(key).keyIDFromThumbprint().build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token signing key " + keyFile, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("the token signing key " + keyFile + " is not a valid JWK", e);
        }
    }

    private static ECKey generateInto(Path keyFile) {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true)
                    .generate();
            writePrivately(keyFile, key.toJSONString());
            log.info("Generated a new token signing key {} in {}", key.getKeyID(), keyFile);
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a P-256 key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the token signing key " + keyFile, e);
        }
    }

    /**
     * Writes into a temporary file that is owner-only from its creation, then moves it into place, so the
     * private key is never readable by others nor half-written.
     */
    private static void writePrivately(Path keyFile, String content) throws IOException {
        Path directory = keyFile.toAbsolutePath().getParent();
        OwnerOnly.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, ".signing-key", ".tmp", OwnerOnly.file());
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, keyFile, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
