package io.wharf.index.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a delivery is signed: {@code X-Wharf-Signature: sha256=<hex HMAC-SHA256>} of {@code <timestamp>.<body>} with
 * the hook's secret, {@code X-Wharf-Timestamp} the Unix seconds of the attempt. The timestamp is inside the signed
 * text, so a receiver that refuses old timestamps refuses replays.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Wharf-Signature";
    public static final String TIMESTAMP_HEADER = "X-Wharf-Timestamp";
    public static final String DELIVERY_HEADER = "X-Wharf-Delivery";
    public static final String EVENT_HEADER = "X-Wharf-Event";

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException missingInTheJdk) {
            throw new IllegalStateException(missingInTheJdk);
        }
    }
}
