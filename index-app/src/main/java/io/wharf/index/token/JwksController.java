package io.wharf.index.token;

import io.wharf.index.signing.SigningKeyStore;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Publishes the public key that signs registry tokens, as a JSON Web Key Set (RFC 7517). */
@RestController
public class JwksController {

    public static final String PATH = "/.well-known/jwks.json";

    private final SigningKeyStore keys;

    public JwksController(SigningKeyStore keys) {
        this.keys = keys;
    }

    @GetMapping(PATH)
    public ResponseEntity<Map<String, Object>> jwks() {
        // Short caching: verifiers may keep it a while, and still see a new key within minutes.
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(keys.publicKeys().toJSONObject());
    }
}
