package org.framegrid.chain.contracts;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.framegrid.chain.contracts.generated.BondingManager;
import org.framegrid.chain.contracts.generated.BondingVotes;
import org.framegrid.chain.contracts.generated.Controller;
import org.framegrid.chain.contracts.generated.LivepeerGovernor;
import org.framegrid.chain.contracts.generated.LivepeerToken;
import org.framegrid.chain.contracts.generated.Minter;
import org.framegrid.chain.contracts.generated.RoundsManager;
import org.framegrid.chain.contracts.generated.ServiceRegistry;
import org.framegrid.chain.contracts.generated.TicketBroker;
import org.framegrid.chain.contracts.generated.Treasury;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes20;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint48;
import org.web3j.abi.datatypes.generated.Uint64;
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
 * existing deployment through its Controller. A deployment is complete as Livepeer's is on Arbitrum: the Minter holds
 * the token's minter and burner roles, the BondingManager pays its treasury cut to the Treasury, and the
 * LivepeerGovernor (votes from BondingVotes) is the only proposer, canceller and executor of the Treasury timelock,
 * whose admin role the deployer renounces. The deployer stays the Controller's owner.
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
    public static final String BONDING_VOTES = "BondingVotes";
    public static final String TREASURY = "Treasury";
    public static final String LIVEPEER_GOVERNOR = "LivepeerGovernor";

    /**
     * Gas for a local dev chain: 2 gwei (above anvil's base fee, which only falls on an idle chain) and a 10 M limit
     * (above every protocol operation, below anvil's 30 M block limit). Not for public networks.
     */
    public static final ContractGasProvider DEV_GAS =
            new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(10_000_000L));

    private static final byte[] NO_COMMIT = new byte[20];
    private static final byte[] DEFAULT_ADMIN_ROLE = new byte[32];

    private ProtocolDeployer() {
    }

    /** {@code keccak256(name)}: the Controller key of a contract name such as {@value #BONDING_MANAGER}. */
    public static byte[] contractId(String name) {
        return Hash.sha3(name.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code keccak256(role)}: an OpenZeppelin AccessControl role such as {@code "MINTER_ROLE"}. */
    public static byte[] role(String name) {
        return contractId(name);
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
     * supply, one transaction after another (about 30 blocks).
     *
     * @throws Exception from web3j, or an {@link IllegalStateException} naming the step that failed
     */
    public static ProtocolAddresses deploy(Web3j web3j, TransactionManager deployer, ContractGasProvider gas,
            ProtocolParameters p) throws Exception {
        return deploy(new SequentialSender(web3j, deployer, gas), deployer.getFromAddress(), p);
    }

    /**
     * {@link #deploy(Web3j, TransactionManager, ContractGasProvider, ProtocolParameters)} from anvil's first account
     * in two blocks (see {@link AnvilBatchSender}); it signs with its own nonces, so a {@link #transactionManager} of
     * yours for account 0 made before this call has a stale nonce.
     */
    public static ProtocolAddresses deploy(Anvil anvil, ProtocolParameters parameters) throws Exception {
        Credentials deployer = anvil.accounts().get(0);
        try (AnvilBatchSender sender = new AnvilBatchSender(anvil, deployer, DEV_GAS.getGasPrice())) {
            return deploy(sender, deployer.getAddress(), parameters);
        }
    }

    private static ProtocolAddresses deploy(DeploymentSender s, String deployer, ProtocolParameters p)
            throws Exception {
        String c = s.create(CONTROLLER, Controller.BINARY);
        Map<String, String> registered = new LinkedHashMap<>();
        registered.put(LIVEPEER_TOKEN, s.create(LIVEPEER_TOKEN, LivepeerToken.BINARY + constructor(uint(p.genesisSupply()))));
        registered.put(MINTER, s.create(MINTER, Minter.BINARY + constructor(new Address(c), uint(p.inflation()),
                uint(p.inflationChange()), uint(p.targetBondingRate()))));
        registered.put(BONDING_MANAGER, s.create(BONDING_MANAGER, BondingManager.BINARY + constructor(new Address(c),
                new Uint64(p.unbondingPeriod()), uint(p.numActiveTranscoders()))));
        registered.put(ROUNDS_MANAGER, s.create(ROUNDS_MANAGER, RoundsManager.BINARY + constructor(new Address(c),
                uint(p.roundLength()), uint(p.roundLockAmount()))));
        registered.put(TICKET_BROKER, s.create(TICKET_BROKER, TicketBroker.BINARY + constructor(new Address(c),
                uint(p.unlockPeriod()), uint(p.ticketValidityPeriod()))));
        registered.put(SERVICE_REGISTRY, s.create(SERVICE_REGISTRY, ServiceRegistry.BINARY + constructor(new Address(c))));
        registered.put(BONDING_VOTES, s.create(BONDING_VOTES, BondingVotes.BINARY + constructor(new Address(c))));
        DynamicArray<Address> none = new DynamicArray<>(Address.class, List.of());
        // The deployer administers the timelock only until the governor holds its roles (below).
        String treasury = s.create(TREASURY, Treasury.BINARY + constructor(uint(p.governance().timelockDelay()), none,
                none, new Address(deployer)));
        registered.put(TREASURY, treasury);
        for (Map.Entry<String, String> contract : registered.entrySet()) {
            register(s, c, contract.getKey(), contract.getValue());
        }
        String token = registered.get(LIVEPEER_TOKEN);
        String minter = registered.get(MINTER);
        s.call("grant the Minter MINTER_ROLE", token, grantRole("MINTER_ROLE", minter));
        s.call("grant the Minter BURNER_ROLE", token, grantRole("BURNER_ROLE", minter));
        String bonding = registered.get(BONDING_MANAGER);
        if (p.treasuryRewardCutRate().signum() > 0) {
            s.call("setTreasuryRewardCutRate", bonding, encode("setTreasuryRewardCutRate", uint(p.treasuryRewardCutRate())));
        }
        if (p.treasuryBalanceCeiling().signum() > 0) {
            s.call("setTreasuryBalanceCeiling", bonding, encode("setTreasuryBalanceCeiling", uint(p.treasuryBalanceCeiling())));
        }
        s.flush(); // the governor's constructor reads the Treasury and BondingVotes from the Controller

        GovernanceParameters g = p.governance();
        String governor = s.create(LIVEPEER_GOVERNOR, LivepeerGovernor.BINARY + constructor(new Address(c),
                new Uint48(g.votingDelay()), new Uint32(g.votingPeriod()), uint(g.proposalThreshold()), uint(g.quorum()),
                uint(g.quota())));
        register(s, c, LIVEPEER_GOVERNOR, governor);
        for (String role : List.of("PROPOSER_ROLE", "CANCELLER_ROLE", "EXECUTOR_ROLE")) {
            s.call("grant the governor the Treasury's " + role, treasury, grantRole(role, governor));
        }
        s.call("renounce the deployer's Treasury admin role", treasury, encode("renounceRole",
                new Bytes32(DEFAULT_ADMIN_ROLE), new Address(deployer)));
        s.flush();
        return new ProtocolAddresses(c, token, registered.get(ROUNDS_MANAGER), minter, bonding,
                registered.get(TICKET_BROKER), registered.get(SERVICE_REGISTRY), registered.get(BONDING_VOTES), treasury,
                governor);
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
                find(controller, BONDING_MANAGER), find(controller, TICKET_BROKER), find(controller, SERVICE_REGISTRY),
                find(controller, BONDING_VOTES), find(controller, TREASURY), find(controller, LIVEPEER_GOVERNOR));
    }

    private static void register(DeploymentSender s, String controller, String name, String address) throws Exception {
        s.call("register " + name, controller, encode("setContractInfo", new Bytes32(contractId(name)),
                new Address(address), new Bytes20(NO_COMMIT)));
    }

    private static String grantRole(String role, String account) {
        return encode("grantRole", new Bytes32(role(role)), new Address(account));
    }

    private static String encode(String function, Type<?>... arguments) {
        return FunctionEncoder.encode(new Function(function, List.of(arguments), List.of()));
    }

    private static String constructor(Type<?>... arguments) {
        return FunctionEncoder.encodeConstructor(List.of(arguments));
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

    private static Uint256 uint(long value) {
        return new Uint256(value);
    }

    private static Uint256 uint(BigInteger value) {
        return new Uint256(value);
    }
}
