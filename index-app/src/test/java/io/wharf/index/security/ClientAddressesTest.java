package io.wharf.index.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.5", " 192.168.0.0/16 "));

    @Test
    void aClientThatIsNoTrustedProxyCannotNameAnotherAddress() {
        assertThat(addresses.of(request("203.0.113.7", "198.51.100.1"))).isEqualTo("203.0.113.7");
        assertThat(addresses.of(request("10.0.0.6", "198.51.100.1"))).isEqualTo("10.0.0.6");
    }

    @Test
    void behindTrustedProxiesTheClientIsTheNearestAddressThatIsNoProxy() {
        assertThat(addresses.of(request("10.0.0.5", "198.51.100.1"))).isEqualTo("198.51.100.1");
        // The client's own prefix of the header is not believed: the proxy appended what it saw.
        assertThat(addresses.of(request("10.0.0.5", "1.2.3.4, 198.51.100.1, 192.168.3.3"))).isEqualTo("198.51.100.1");
        assertThat(addresses.of(request("10.0.0.5", null))).isEqualTo("10.0.0.5");
        assertThat(addresses.of(request("10.0.0.5", "192.168.1.1"))).isEqualTo("192.168.1.1");
        assertThat(addresses.of(request("10.0.0.5", "not-an-address"))).isEqualTo("not-an-address");
    }

    @Test
    void noProxyIsTrustedByDefault() {
        ClientAddresses none = new ClientAddresses(List.of());
        assertThat(none.of(request("127.0.0.1", "198.51.100.1"))).isEqualTo("127.0.0.1");
    }

    private static MockHttpServletRequest request(String remoteAddress, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v2/token");
        request.setRemoteAddr(remoteAddress);
        if (forwardedFor != null) {
            request.addHeader(ClientAddresses.FORWARDED_FOR, forwardedFor);
        }
        return request;
    }
}
