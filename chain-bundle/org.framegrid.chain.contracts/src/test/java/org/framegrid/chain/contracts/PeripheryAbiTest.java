package org.framegrid.chain.contracts;

import static org.framegrid.chain.contracts.Protocol.lpt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;

import org.framegrid.chain.contracts.generated.Controller;
import org.framegrid.chain.contracts.generated.Minter;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Sign;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The issue's functions outside the BondingManager, through Livepeer's signatures as text: TicketBroker
 * fundDepositAndReserveFor and getReserveInfo; Controller updateController; Minter getController, trustedBurnTokens
 * and migrateToNewMinter; RoundsManager LIP upgrade rounds; the token's roles, ERC-2612 permit and burnFrom.
 */
class PeripheryAbiTest {

    static final BigInteger ETH = BigInteger.TEN.pow(18);

    @Test
    void ticketBrokerFundingForAnotherAndReserveInfo() throws Exception {
        try (Protocol p = new Protocol(ProtocolParameters.defaults().withRoundLength(100))) {
            IssueAbi abi = new IssueAbi(p);
            String broker = p.addresses.ticketBroker();
            p.registerOrchestrator(1, lpt("1000"), 0, 1_000_000);
            p.nextRound();
            abi.assertReverts(RevertReason.TICKET_VALUE_IS_NOT_DEPOSIT_PLUS_RESERVE.reason(), 6, broker,
                    "fundDepositAndReserveFor(address,uint256,uint256)", p.address(7), ETH, ETH);
            BigInteger funderBefore = p.ethBalance(p.address(6));
            TransactionReceipt funded = abi.sendValue(6, broker, ETH.multiply(BigInteger.valueOf(3)),
                    "fundDepositAndReserveFor(address,uint256,uint256)", p.address(7), ETH, ETH.multiply(BigInteger.TWO));
            BigInteger gas = funded.getGasUsed().multiply(Numeric.decodeQuantity(funded.getEffectiveGasPrice()));
            assertEquals(funderBefore.subtract(ETH.multiply(BigInteger.valueOf(3))).subtract(gas),
                    p.ethBalance(p.address(6)));
            assertEquals(List.of(IssueAbi.lower(p.address(7)), ETH), HintedStakingAbiTest.lowered(
                    IssueAbi.event(funded, broker, "DepositFunded(address indexed,uint256)")));
            assertEquals(List.of(IssueAbi.lower(p.address(7)), ETH.multiply(BigInteger.TWO)),
                    HintedStakingAbiTest.lowered(IssueAbi.event(funded, broker, "ReserveFunded(address indexed,uint256)")));
            assertEquals(List.of(ETH.multiply(BigInteger.TWO), BigInteger.ZERO),
                    abi.call(broker, "getReserveInfo(address)", "uint256,uint256", p.address(7)));

            // A 1.5 ETH ticket from 7: 1 ETH from the deposit, 0.5 from the reserve (one active orchestrator).
            BigInteger half = ETH.divide(BigInteger.TWO);
            TicketSigner.Signed t = TicketSigner.ticket(p, 1, p.credentials(7), ETH.add(half), TicketSigner.ALWAYS_WINS, 1,
                    BigInteger.valueOf(77));
            p.broker(1).redeemWinningTicket(t.ticket(), t.sig(), t.recipientRand()).send();
            assertEquals(List.of(ETH.multiply(BigInteger.TWO).subtract(half), half),
                    abi.call(broker, "getReserveInfo(address)", "uint256,uint256", p.address(7)));
        }
    }

    @Test
    void controllerMinterRoundsManagerAndToken() throws Exception {
        try (Protocol p = new Protocol(ProtocolParameters.defaults().withRoundLength(100).withUnbondingPeriod(0))) {
            IssueAbi abi = new IssueAbi(p);
            ProtocolAddresses at = p.addresses;

            // Controller.updateController moves a registered contract to another Controller; only the owner may.
            String other = Controller.deploy(p.anvil.web3j(), p.manager(0), ProtocolDeployer.DEV_GAS).send()
                    .getContractAddress();
            byte[] registryId = ProtocolDeployer.contractId(ProtocolDeployer.SERVICE_REGISTRY);
            abi.assertReverts(RevertReason.CONTROLLER_CALLER_IS_NOT_THE_OWNER.reason(), 3, at.controller(),
                    "updateController(bytes32,address)", registryId, other);
            abi.assertReverts(RevertReason.MANAGER_CALLER_IS_NOT_THE_CONTROLLER.reason(), 0, at.serviceRegistry(),
                    "setController(address)", other);
            abi.assertReverts(RevertReason.CONTROLLER_NO_CONTRACT_REGISTERED_UNDER_THIS_ID.reason(), 0,
                    at.controller(), "updateController(bytes32,address)", ProtocolDeployer.contractId("Nothing"), other);
            abi.send(0, at.controller(), "updateController(bytes32,address)", registryId, other);
            assertEquals(IssueAbi.lower(other), IssueAbi.lower((String) abi.call1(at.serviceRegistry(), "controller()", "address")));

            // RoundsManager: an LIP's upgrade round is set once, by the owner.
            String rounds = at.roundsManager();
            abi.assertReverts(RevertReason.MANAGER_CALLER_IS_NOT_THE_CONTROLLER_OWNER.reason(), 3, rounds,
                    "setLIPUpgradeRound(uint256,uint256)", 89, 5);
            abi.send(0, rounds, "setLIPUpgradeRound(uint256,uint256)", 89, 5);
            assertEquals(BigInteger.valueOf(5), abi.uint(rounds, "lipUpgradeRound(uint256)", 89));
            assertEquals(BigInteger.ZERO, abi.uint(rounds, "lipUpgradeRound(uint256)", 36));
            abi.assertReverts(RevertReason.ROUNDS_LIP_UPGRADE_ROUND_ALREADY_SET.reason(), 0, rounds,
                    "setLIPUpgradeRound(uint256,uint256)", 89, 6);

            // Minter: its Controller; burning is the BondingManager's (slashing); migration moves LPT and ETH.
            assertEquals(IssueAbi.lower(at.controller()), IssueAbi.lower((String) abi.call1(at.minter(),
                    "getController()", "address")));
            abi.assertReverts(RevertReason.MANAGER_CALLER_IS_NOT_THE_BONDINGMANAGER.reason(), 0, at.minter(),
                    "trustedBurnTokens(uint256)", 1);
            p.registerOrchestrator(1, lpt("1000"), 0, 0);
            p.broker(5).fundDeposit(ETH).send();
            String successor = Minter.deploy(p.anvil.web3j(), p.manager(0), ProtocolDeployer.DEV_GAS, at.controller(),
                    BigInteger.valueOf(p.parameters.inflation()), BigInteger.valueOf(p.parameters.inflationChange()),
                    BigInteger.valueOf(p.parameters.targetBondingRate())).send().getContractAddress();
            abi.assertReverts(RevertReason.MANAGER_CALLER_IS_NOT_THE_CONTROLLER_OWNER.reason(), 3, at.minter(),
                    "migrateToNewMinter(address)", successor);
            abi.assertReverts(RevertReason.MINTER_NEW_MINTER_CANNOT_BE_CURRENT_MINTER.reason(), 0, at.minter(),
                    "migrateToNewMinter(address)", at.minter());
            abi.send(0, at.minter(), "migrateToNewMinter(address)", successor);
            assertEquals(BigInteger.ZERO, p.token(0).balanceOf(at.minter()).send());
            assertEquals(lpt("1000"), p.token(0).balanceOf(successor).send());
            assertEquals(BigInteger.ZERO, p.ethBalance(at.minter()));
            assertEquals(ETH, p.ethBalance(successor));
            // The owner registers the successor and gives it the token roles; stake is then paid out from it.
            abi.send(0, at.controller(), "setContractInfo(bytes32,address,bytes20)",
                    ProtocolDeployer.contractId(ProtocolDeployer.MINTER), successor, new byte[20]);
            abi.send(0, at.livepeerToken(), "grantRole(bytes32,address)", ProtocolDeployer.role("MINTER_ROLE"), successor);
            p.nextRound();
            p.bonding(1).unbond(lpt("100")).send();
            p.bonding(1).withdrawStake(BigInteger.ZERO).send();
            assertEquals(lpt("900"), p.token(0).balanceOf(successor).send());

            // LivepeerToken: role holders mint (Mint); ERC-2612 permit; burnFrom by a burner with an allowance (Burn).
            String token = at.livepeerToken();
            abi.send(0, token, "grantRole(bytes32,address)", ProtocolDeployer.role("MINTER_ROLE"), p.address(2));
            TransactionReceipt mint = abi.send(2, token, "mint(address,uint256)", p.address(3), lpt("5"));
            assertEquals(List.of(IssueAbi.lower(p.address(3)), lpt("5")),
                    HintedStakingAbiTest.lowered(IssueAbi.event(mint, token, "Mint(address indexed,uint256)")));
            BigInteger deadline = BigInteger.valueOf(Long.MAX_VALUE);
            Sign.SignatureData sig = Permits.sign((byte[]) abi.call1(token, "DOMAIN_SEPARATOR()", "bytes32"),
                    p.credentials(3), p.address(4), lpt("2"), BigInteger.ZERO, deadline);
            abi.send(4, token, "permit(address,address,uint256,uint256,uint8,bytes32,bytes32)", p.address(3),
                    p.address(4), lpt("2"), deadline, BigInteger.valueOf(sig.getV()[0] & 0xff), sig.getR(), sig.getS());
            assertEquals(lpt("2"), abi.uint(token, "allowance(address,address)", p.address(3), p.address(4)));
            assertEquals(BigInteger.ONE, abi.uint(token, "nonces(address)", p.address(3)));
            String unauthorized = "custom error " + IssueAbi.selector(ControllerTest.UNAUTHORIZED);
            abi.assertReverts(unauthorized, 4, token, "burnFrom(address,uint256)", p.address(3), lpt("1"));
            abi.send(0, token, "grantRole(bytes32,address)", ProtocolDeployer.role("BURNER_ROLE"), p.address(4));
            BigInteger supply = p.token(0).totalSupply().send();
            TransactionReceipt burn = abi.send(4, token, "burnFrom(address,uint256)", p.address(3), lpt("1"));
            assertEquals(List.of(IssueAbi.lower(p.address(3)), lpt("1")),
                    HintedStakingAbiTest.lowered(IssueAbi.event(burn, token, "Burn(address indexed,uint256)")));
            assertEquals(supply.subtract(lpt("1")), p.token(0).totalSupply().send());
            assertEquals(lpt("4"), p.lptBalance(3));
            assertEquals(lpt("1"), abi.uint(token, "allowance(address,address)", p.address(3), p.address(4)));
        }
    }
}
