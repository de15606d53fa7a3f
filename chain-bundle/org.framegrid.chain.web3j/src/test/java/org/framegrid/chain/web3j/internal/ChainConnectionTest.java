package org.framegrid.chain.web3j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.framegrid.chain.api.ChainException;
import org.framegrid.node.api.Readiness;
import org.framegrid.testing.Await;
import org.framegrid.testing.Configs;
import org.framegrid.testing.TcpProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The connection component's devchain life cycle, with a minimal bundle context: started off the activating thread,
 * the {@link ChainClient} registered when ready, its URL written for the tools, and everything gone after deactivation.
 */
class ChainConnectionTest {

    @TempDir
    Path home;

    @Test
    void startsTheDevchainAndStopsItWithTheComponent() throws Exception {
        CompletableFuture<ChainClient> registered = new CompletableFuture<>();
        CompletableFuture<Dictionary<?, ?>> properties = new CompletableFuture<>();
        AtomicBoolean unregistered = new AtomicBoolean();
        ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("unregister")) {
                        unregistered.set(true);
                    }
                    return null;
                });
        BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> "framegrid.home".equals(args[0]) ? home.toString() : null;
                    case "registerService" -> {
                        properties.complete((Dictionary<?, ?>) args[2]);
                        registered.complete((ChainClient) args[1]);
                        yield registration;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });

        long start = System.nanoTime();
        ChainConnection component = new ChainConnection(context, devchainConfig());
        long activateMillis = (System.nanoTime() - start) / 1_000_000;
        ChainClient chain = component.ready().get(60, TimeUnit.SECONDS); // fails at once with the reason if it cannot start
        assertTrue(registered.isDone() && registered.get() == chain, "registered as a service once ready");
        assertTrue(activateMillis < 1_000, "activation does not wait for the devchain (" + activateMillis + " ms)");
        assertEquals(Boolean.TRUE, properties.get().get(ChainConnection.DEVCHAIN));
        assertEquals(20, chain.callUint(chain.addresses().roundsManager(), "roundLength").longValueExact());
        assertTrue(chain.callBool(chain.addresses().roundsManager(), "currentRoundInitialized"), "ready to bond at once");

        Path info = home.resolve("run/devchain.properties");
        Properties written = new Properties();
        written.load(new StringReader(Files.readString(info)));
        assertEquals(chain.url(), written.getProperty("rpc.url"));
        assertEquals(chain.addresses().controller(), written.getProperty("controller.address"));

        component.deactivate();
        assertTrue(unregistered.get());
        assertFalse(Files.exists(info), "the tools no longer find a stopped devchain");
        ChainException gone = assertThrows(ChainException.class, () -> ChainClient.connect(written.getProperty("rpc.url"),
                written.getProperty("controller.address"), null, Duration.ofMillis(5), null));
        assertTrue(gone.getMessage().startsWith("connect: no Ethereum JSON-RPC node answers at"), gone.getMessage());
    }

    @Test
    void withAUrlItFindsTheContractsThroughTheControllerAndSignsWithTheKeystore() throws Exception {
        try (Fixture f = new Fixture(org.framegrid.chain.contracts.ProtocolParameters.defaults().withRoundLength(20))) {
            Path password = Files.writeString(home.resolve("password.txt"), "node secret\n");
            Path keystore = KeyStoreFiles.create(home.resolve("keys"), password);
            String address = KeyStoreFiles.load(keystore, password).getAddress();
            f.devchain.anvil().setBalance(address, java.math.BigInteger.TEN.pow(18));
            CompletableFuture<Dictionary<?, ?>> properties = new CompletableFuture<>();
            BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {BundleContext.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getProperty" -> null;
                        case "registerService" -> {
                            properties.complete((Dictionary<?, ?>) args[2]);
                            yield Proxy.newProxyInstance(getClass().getClassLoader(),
                                    new Class<?>[] {ServiceRegistration.class}, (p, m, a) -> null);
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            ChainConnection component = new ChainConnection(context, config(f.devchain.url(), f.devchain.controller(),
                    keystore.toString(), password.toString()));
            try {
                ChainClient chain = component.ready().get(60, TimeUnit.SECONDS);
                assertEquals(Boolean.FALSE, properties.get().get(ChainConnection.DEVCHAIN));
                assertEquals(address, chain.account());
                assertEquals(f.chain(0).addresses(), chain.addresses());
                // It signs: the keystore account (with gas money, no LPT) gets a readable revert for an empty bond.
                ChainException refused = assertThrows(ChainException.class,
                        () -> new Staking(chain).bond(java.math.BigInteger.ZERO, f.address(0)));
                assertEquals("bond: BondingManager: delegation amount must be positive", refused.getMessage());
            } finally {
                component.deactivate();
            }
            assertTrue(f.chain(0).blockNumber() > 0, "a configured chain is not the component's to stop");
        }
    }

    /**
     * The RPC is down when the node starts: the component keeps trying (with backoff) instead of giving up after one
     * attempt, says so in its readiness ("chain unreachable at URL, retrying since T"), registers the chain once it
 * answers, and then rides out a later outage: the calls made during it fail
     * with their reason, and the same client works again once the RPC is back.
     */
    @Test
    void aChainDownAtStartIsConnectedWhenItAnswersAndALaterOutageEndsByItself() throws Exception {
        try (Fixture f = new Fixture(org.framegrid.chain.contracts.ProtocolParameters.defaults().withRoundLength(20));
                TcpProxy link = TcpProxy.toUrl(f.devchain.url())) {
            link.cut();
            CompletableFuture<ChainClient> registered = new CompletableFuture<>();
            BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {BundleContext.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getProperty" -> null;
                        case "registerService" -> {
                            registered.complete((ChainClient) args[1]);
                            yield Proxy.newProxyInstance(getClass().getClassLoader(),
                                    new Class<?>[] {ServiceRegistration.class}, (p, m, a) -> null);
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            ChainConnection component = new ChainConnection(context, config(link.url(), f.devchain.controller(), "",
                    "", 20, 100));
            try {
                Await.until("three connection attempts during the outage", 30_000, () -> link.refused() >= 3);
                assertFalse(component.ready().isDone(), "still trying, not given up: " + component.ready());
                // The node's readiness says why it has no chain (its orchestrator and payments wait for it).
                Readiness unreachable = component.check().getFirst();
                assertFalse(unreachable.ready(), unreachable.toString());
                assertTrue(unreachable.detail().startsWith("chain unreachable at " + link.url() + ", retrying since ")
                        && unreachable.detail().contains("no Ethereum JSON-RPC node answers"), unreachable.detail());

                link.restore();
                ChainClient chain = component.ready().get(30, TimeUnit.SECONDS);
                assertTrue(registered.isDone() && registered.get() == chain, "registered once the chain answered");
                Readiness up = component.check().getFirst();
                assertTrue(up.ready() && up.detail().startsWith("connected to " + link.url() + " since "),
                        up.toString());
                long block = chain.blockNumber();

                link.cut();
                ChainException down = assertThrows(ChainException.class, chain::blockNumber);
                assertTrue(down.getMessage().startsWith("blockNumber: the node at " + link.url() + " failed"),
                        down.getMessage());
                link.restore();
                assertEquals(block, chain.blockNumber(), "the same client reads again once the RPC is back");
            } finally {
                component.deactivate();
            }
        }
    }

    /**
     * A node stopped while its devchain starts (here an anvil that takes 3 s to answer) stops at once and leaves no
     * process and no info file behind. (The part of a start that ignores interruption, the deploy or a first class
     * load on a busy machine, made the node's stop time out in NodeProcessIT; that is what the bounded wait fixes.)
     */
    @Test
    void stoppingWhileTheDevchainStartsDoesNotWaitForItAndLeavesNothingBehind() throws Exception {
        Path slowAnvil = home.resolve("slow-anvil");
        Files.writeString(slowAnvil, "#!/bin/sh\nsleep 3\nexec '" + Devchain.locateAnvil(null) + "' \"$@\"\n");
        assertTrue(slowAnvil.toFile().setExecutable(true));
        BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> "framegrid.home".equals(args[0]) ? home.toString() : null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        ChainConnection component = new ChainConnection(context, config("", "", "", "", 1000, 30_000,
                slowAnvil.toString()));
        Await.until("anvil starting", 30_000, () -> ProcessHandle.current().descendants().count() > 0);
        long start = System.nanoTime();
        component.deactivate();
        long stopMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(stopMillis < 2_000, "the stop does not wait for the devchain start (" + stopMillis + " ms)");
        Await.until("the devchain stopped once its start ended", 60_000,
                () -> ProcessHandle.current().descendants().count() == 0);
        assertFalse(Files.exists(home.resolve("run/devchain.properties")), "no info file left behind");
    }

    @Test
    void stoppingWhileTheChainIsDownEndsTheAttempts() throws Exception {
        try (TcpProxy link = TcpProxy.to(1)) {
            link.cut();
            BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {BundleContext.class}, (proxy, method, args) -> null);
            ChainConnection component = new ChainConnection(context, config(link.url(),
                    "0x5fbdb2315678afecb367f032d93f642f64180aa3", "", "", 20, 100));
            Await.until("two connection attempts", 30_000, () -> link.refused() >= 2);
            long start = System.nanoTime();
            component.deactivate();
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "deactivation does not wait for the chain");
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> component.ready().get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("the node is stopping"), e.getCause().getMessage());
            int attempts = link.refused();
            Thread.sleep(300); // three retry periods: long enough for an attempt that should not happen
            assertEquals(attempts, link.refused(), "no attempt after deactivation");
        }
    }

    @Test
    void aMisconfiguredChainSaysWhy() throws Exception {
        BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> null);
        ChainConnection component = new ChainConnection(context, config("http://127.0.0.1:1", "", "", ""));
        try {
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> component.ready().get(30, TimeUnit.SECONDS));
            assertEquals("connect: org.framegrid.chain: controller.address is needed with rpc.url http://127.0.0.1:1",
                    e.getCause().getMessage());
        } finally {
            component.deactivate();
        }
    }

    private static ChainConnection.Config devchainConfig() {
        return config("", "", "", "");
    }

    private static ChainConnection.Config config(String url, String controller, String keystore, String password) {
        return config(url, controller, keystore, password, 1000, 30_000, "");
    }

    private static ChainConnection.Config config(String url, String controller, String keystore, String password,
            long retryMillis, long retryMaxMillis) {
        return config(url, controller, keystore, password, retryMillis, retryMaxMillis, "");
    }

    private static ChainConnection.Config config(String url, String controller, String keystore, String password,
            long retryMillis, long retryMaxMillis, String anvil) {
        return Configs.of(ChainConnection.Config.class, Map.of("rpc_url", url, "controller_address", controller,
                "keystore_file", keystore, "password_file", password, "devchain_round_length", 20L,
                "devchain_anvil", anvil, "connect_retry_millis", retryMillis,
                "connect_retry_max_millis", retryMaxMillis));
    }
}
