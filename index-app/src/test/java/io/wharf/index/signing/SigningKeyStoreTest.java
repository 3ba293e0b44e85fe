package io.wharf.index.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void generatesAPrivateP256KeyReadableByItsOwnerOnly() throws Exception {
        Path keyFile = dataDir.resolve("index/token-signing-key.json");

        ECKey key = new SigningKeyStore(keyFile).signingKey();

        assertThat(key.getCurve()).isEqualTo(Curve.P_256);
        assertThat(key.isPrivate()).isTrue();
        assertThat(key.getKeyID()).isEqualTo(key.computeThumbprint().toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        try (var leftovers = Files.list(keyFile.getParent())) {
            assertThat(leftovers).containsExactly(keyFile);
        }
    }

    @Test
    void keepsTheSameKeyAcrossRestarts() {
        Path keyFile = dataDir.resolve("index/token-signing-key.json");
        ECKey first = new SigningKeyStore(keyFile).signingKey();

        ECKey afterRestart = new SigningKeyStore(keyFile).signingKey();

        assertThat(afterRestart.getKeyID()).isEqualTo(first.getKeyID());
        assertThat(afterRestart).isEqualTo(first);
    }

    @Test
    void publishesOnlyThePublicKey() {
        SigningKeyStore store = new SigningKeyStore(dataDir.resolve("key.json"));

        assertThat(store.publicKeys().getKeys()).singleElement().satisfies(published -> {
            assertThat(published.isPrivate()).isFalse();
            assertThat(published.getKeyID()).isEqualTo(store.signingKey().getKeyID());
        });
        assertThat(store.publicKeys().toString()).doesNotContain("\"d\"");
    }

    @Test
    void usesAConfiguredKeyAndGivesItAThumbprintKeyIdWhenItHasNone() throws Exception {
        ECKey configured = new ECKeyGenerator(Curve.P_256).generate();
        Path keyFile = dataDir.resolve("configured.json");
        Files.writeString(keyFile, configured.toJSONString());

        ECKey loaded = new SigningKeyStore(keyFile).signingKey();

        assertThat(loaded.toECPrivateKey()).isEqualTo(configured.toECPrivateKey());
        assertThat(loaded.getKeyID()).isEqualTo(configured.computeThumbprint().toString());
    }

    @Test
    void refusesKeysItCannotSignES256With() throws Exception {
        assertRefused(new RSAKeyGenerator(2048).generate().toJSONString());
        assertRefused(new ECKeyGenerator(Curve.P_384).generate().toJSONString());
        assertRefused(new ECKeyGenerator(Curve.P_256).generate().toPublicJWK().toJSONString());
        assertRefused("not a key");
    }

    private void assertRefused(String content) throws Exception {
        Path keyFile = Files.createTempFile(dataDir, "key", ".json");
        Files.writeString(keyFile, content);
        assertThatThrownBy(() -> new SigningKeyStore(keyFile))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(keyFile.toString());
    }
}
