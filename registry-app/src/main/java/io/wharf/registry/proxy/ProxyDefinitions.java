package io.wharf.registry.proxy;

import io.wharf.contract.name.RepositoryName;
import io.wharf.contract.proxy.ProxiedName;
import io.wharf.contract.proxy.ProxyNames;
import io.wharf.contract.proxy.ProxySettings;
import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pull-through caches an administrator defined, and which of them serves a requested repository name
 * ({@link ProxyNames#resolve}). Every registry request asks, so the definitions are kept in memory and read again
 * every {@code wharf.registry.proxy.refresh} (at once after a change through this replica).
 */
@Service
public class ProxyDefinitions {

    /** The definitions as last read. */
    private record Snapshot(Map<String, StoredProxy> byName, Optional<String> mirror, Instant readAt) {
    }

    private final Proxies proxies;
    private final CredentialSealer sealer;
    private final LocalRepositoryNames localNames;
    private final ProxyProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private volatile Snapshot snapshot;

    ProxyDefinitions(Proxies proxies, CredentialSealer sealer, LocalRepositoryNames localNames,
            ProxyProperties properties, PlatformTransactionManager transactions, Clock clock) {
        this.proxies = proxies;
        this.sealer = sealer;
        this.localNames = localNames;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** The cache that serves {@code requested}, with its definition; empty for the registry's own repositories. */
    public Optional<ProxiedName> resolve(RepositoryName requested) {
        Snapshot current = current();
        if (current.byName().isEmpty()) {
            return Optional.empty();
        }
        return ProxyNames.resolve(requested, current.byName()::containsKey, current.mirror(),
                localNames::exists);
    }

    /** DENIED, saying why and what to do instead, when {@code name} is in a cache's namespace. */
    public void refuseWritesInto(RepositoryName name) {
        StoredProxy proxy = current().byName().get(name.namespace());
        if (proxy != null) {
            throw new RegistryException(ErrorCode.DENIED, ProxyNames.pushRefusal(proxy.name(), proxy.upstream()),
                    Map.of("proxy", proxy.name(), "upstream", proxy.upstream()));
        }
    }

    Optional<StoredProxy> find(String name) {
        return Optional.ofNullable(current().byName().get(name));
    }

    List<StoredProxy> all() {
        return List.copyOf(current().byName().values());
    }

    /** The upstream password, unsealed for a request to the upstream; empty without credentials. */
    Optional<String> password(StoredProxy proxy) {
        return proxy.hasCredentials() ? Optional.of(sealer.open(proxy.sealedPassword())) : Optional.empty();
    }

    /**
     * Creates or replaces a cache. Bad settings answer 400, naming every problem; the one mirror mark moves to this
     * cache when it asks for it.
     */
    public void put(String name, ProxySettings settings) {
        List<String> problems = new ArrayList<>();
        String nameProblem = ProxyNames.proxyNameProblem(name);
        if (nameProblem != null) {
            problems.add(nameProblem);
        }
        problems.addAll(settings.problems());
        if (!problems.isEmpty()) {
            throw new RegistryException(ErrorCode.UNSUPPORTED, HttpStatus.BAD_REQUEST,
                    String.join("; ", problems), Map.of("problems", problems));
        }
        transaction.executeWithoutResult(status -> {
            Optional<StoredProxy> existing = proxies.find(name);
            StoredProxy proxy = new StoredProxy(name, settings.upstreamBase(),
                    settings.hasUsername() ? settings.username() : null,
                    sealedPassword(settings, existing), settings.revalidateAfterSecondsOrDefault(),
                    settings.include(), settings.exclude(),
                    settings.sizeLimitBytes() == null ? 0 : settings.sizeLimitBytes(), settings.mirror());
            Instant now = clock.instant();
            if (!proxies.update(proxy, now)) {
                try {
                    proxies.insert(proxy, now);
                } catch (DataIntegrityViolationException concurrentPut) {
                    proxies.update(proxy, now);
                }
            }
            if (proxy.mirror()) {
                proxies.clearMirrorExcept(name);
            }
        });
        reload();
    }

    /** Removes a cache's definition (its cached repositories stay); false when there was none. */
    public boolean delete(String name) {
        boolean deleted = proxies.delete(name);
        reload();
        return deleted;
    }

    /** No username: no credentials; a username without a new password keeps the stored one. */
    private String sealedPassword(ProxySettings settings, Optional<StoredProxy> existing) {
        if (!settings.hasUsername()) {
            return null;
        }
        if (settings.password() != null) {
            return sealer.seal(settings.password());
        }
        return existing.map(StoredProxy::sealedPassword).orElse(null);
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (current == null || current.readAt().plus(properties.refresh()).isBefore(clock.instant())) {
            current = reload();
        }
        return current;
    }

    private Snapshot reload() {
        Map<String, StoredProxy> byName = proxies.all().stream()
                .collect(Collectors.toMap(StoredProxy::name, Function.identity(), (first, second) -> first,
                        TreeMap::new));
        Optional<String> mirror = byName.values().stream().filter(StoredProxy::mirror).map(StoredProxy::name)
                .sorted().findFirst();
        Snapshot fresh = new Snapshot(byName, mirror, clock.instant());
        snapshot = fresh;
        return fresh;
    }
}
