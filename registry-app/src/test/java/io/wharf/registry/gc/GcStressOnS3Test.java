package io.wharf.registry.gc;

import java.time.Duration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link GcStressTest} storing in S3 (S3Proxy in this JVM), still on H2; shorter, to bound the build's time. */
@DirtiesContext
class GcStressOnS3Test extends GcStressTest {

    @DynamicPropertySource
    static void s3Storage(DynamicPropertyRegistry properties) {
        storeInSharedS3(properties);
    }

    @Override
    protected Duration runTime() {
        return Duration.ofSeconds(10);
    }
}
