package org.framegrid.chain.contracts;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import org.framegrid.chain.contracts.generated.BondingManager;
import org.framegrid.chain.contracts.generated.Controller;
import org.framegrid.chain.contracts.generated.LivepeerToken;
import org.framegrid.chain.contracts.generated.Minter;
import org.framegrid.chain.contracts.generated.RoundsManager;
import org.framegrid.chain.contracts.generated.ServiceRegistry;
import org.framegrid.chain.contracts.generated.TicketBroker;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.tx.FastRawTransactionManager;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.exceptions.ContractCallException;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * Deploys the protocol contracts and registers them in a new Controller under {@code keccak256(name)}, or finds an
 * existing deployment through its Controller.
 * <p>
 * Stateless; each method may be called from any thread, but one account must only ever be used through one
 * {@link TransactionManager} (web3j's fast manager caches the nonce).
 */
public final class ProtocolDeployer {

    public static final String CONTROLLER = "Controller";
    public static final String LIVEPEER_TOKEN = "LivepeerToken";
    public static final String ROUNDS_MANAGER = "RoundsManager";
    public static final String MINTER = "Minter";
    public static final String BONDING_MANAGER = "BondingManager";
    public static final String TICKET_BROKER = "TicketBroker";
    public static final String SERVICE_REGISTRY = "ServiceRegistry";

    /**
     * Gas for a local dev chain: 2 gwei (above anvil's base fee, which only falls on an idle chain) and a 10 M limit
     * (above every protocol operation, below anvil's 30 M block limit). Not for public networks.
     */
    public static final ContractGasProvider DEV_GAS =
            new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(10_000_000L));

    private static final byte[] NO_COMMIT = new byte[20];

    private ProtocolDeployer() {
    }

    /** {@code keccak256(name)}: the Controller key of a contract name such as {@value #BONDING_MANAGER}. */
    public static byte[] contractId(String name) {
        return Hash.sha3(name.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A transaction manager for {@code credentials} that polls receipts every 2 ms for up to a minute (web3j's
     * default is every 15 s): a local node mines in milliseconds. For a public chain poll less often.
     */
    public static TransactionManager transactionManager(Web3j web3j, Credentials credentials, long chainId) {
        return new FastRawTransactionManager(web3j, credentials, chainId,
                new PollingTransactionReceiptProcessor(web3j, 2, 30_000));
    }

    /**
     * Deploys every contract from {@code deployer}, which becomes the Controller's owner and receives the genesis
     * supply, and registers each in the Controller.
     *
     * @throws Exception from web3j if a deployment or registration fails
     */
    public static ProtocolAddresses deploy(Web3j web3j, TransactionManager deployer, ContractGasProvider gas,
            ProtocolParameters p) throws Exception {
        Controller controller = Controller.deploy(web3j, deployer, gas).send();
        String c = controller.getContractAddress();
        String token = LivepeerToken.deploy(web3j, deployer, gas, c, p.genesisSupply()).send().getContractAddress();
        String minter = Minter.deploy(web3j, deployer, gas, c, big(p.inflation()), big(p.inflationChange()),
                big(p.targetBondingRate())).send().getContractAddress();
        String bonding = BondingManager.deploy(web3j, deployer, gas, c, big(p.unbondingPeriod()),
                big(p.numActiveTranscoders())).send().getContractAddress();
        String rounds = RoundsManager.deploy(web3j, deployer, gas, c, big(p.roundLength()),
                big(p.roundLockAmount())).send().getContractAddress();
        String broker = TicketBroker.deploy(web3j, deployer, gas, c, big(p.unlockPeriod()),
                big(p.ticketValidityPeriod())).send().getContractAddress();
        String registry = ServiceRegistry.deploy(web3j, deployer, gas, c).send().getContractAddress();
        ProtocolAddresses addresses = new ProtocolAddresses(c, token, rounds, minter, bonding, broker, registry);
        register(controller, LIVEPEER_TOKEN, token);
        register(controller, MINTER, minter);
        register(controller, BONDING_MANAGER, bonding);
        register(controller, ROUNDS_MANAGER, rounds);
        register(controller, TICKET_BROKER, broker);
        register(controller, SERVICE_REGISTRY, registry);
        return addresses;
    }

    /**
     * {@link #deploy(Web3j, TransactionManager, ContractGasProvider, ProtocolParameters)} from anvil's first account,
     * through a transaction manager of its own: if you already send from account 0 with a
     * {@link #transactionManager} of yours, use the other overload with it, or its cached nonce goes stale.
     */
    public static ProtocolAddresses deploy(Anvil anvil, ProtocolParameters parameters) throws Exception {
        TransactionManager deployer = transactionManager(anvil.web3j(), anvil.accounts().get(0), anvil.chainId());
        return deploy(anvil.web3j(), deployer, DEV_GAS, parameters);
    }

    /**
     * Reads the addresses of an existing deployment from its Controller.
     *
     * @throws IllegalStateException if the address holds no Controller, or naming the first contract it does not know
     */
    public static ProtocolAddresses lookUp(Web3j web3j, String controllerAddress) throws Exception {
        Controller controller = Controller.load(controllerAddress, web3j,
                new ReadonlyTransactionManager(web3j, controllerAddress), DEV_GAS);
        return new ProtocolAddresses(controllerAddress,
                find(controller, LIVEPEER_TOKEN), find(controller, ROUNDS_MANAGER), find(controller, MINTER),
                find(controller, BONDING_MANAGER), find(controller, TICKET_BROKER), find(controller, SERVICE_REGISTRY));
    }

    private static void register(Controller controller, String name, String address) throws Exception {
        controller.setContractInfo(contractId(name), address, NO_COMMIT).send();
    }

    private static String find(Controller controller, String name) throws Exception {
        String address;
        try {
            address = controller.getContract(contractId(name)).send();
        } catch (ContractCallException e) {
            throw new IllegalStateException("no Controller at " + controller.getContractAddress()
                    + ": getContract(" + name + ") reverted", e);
        }
        if (address == null || new BigInteger(address.substring(2), 16).signum() == 0) {
            throw new IllegalStateException("Controller " + controller.getContractAddress() + " has no " + name);
        }
        return address;
    }

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }
}
