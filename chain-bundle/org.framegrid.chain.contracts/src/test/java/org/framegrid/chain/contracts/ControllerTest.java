package org.framegrid.chain.contracts;

import static org.framegrid.chain.contracts.Protocol.lpt;
import static org.framegrid.chain.contracts.Reverts.assertReverts;
import static org.framegrid.chain.contracts.Reverts.assertRevertsWithError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.framegrid.chain.contracts.generated.Controller;
import org.framegrid.chain.contracts.generated.ServiceRegistry;
import org.junit.jupiter.api.Test;

/** Discovery through the Controller, ownership, pause, who may mint, burn, and service URIs. */
class ControllerTest {

    static final String UNAUTHORIZED = "AccessControlUnauthorizedAccount(address,bytes32)";

    @Test
    void controllerRegistryPauseMintingAndServiceUris() throws Exception {
        try (Protocol p = new Protocol(ProtocolParameters.defaults().withRoundLength(100))) {
            assertEquals(p.addresses, ProtocolDeployer.lookUp(p.anvil.web3j(), p.addresses.controller()));
            IllegalStateException notController = assertThrows(IllegalStateException.class,
                    () -> ProtocolDeployer.lookUp(p.anvil.web3j(), p.addresses.minter()));
            assertTrue(notController.getMessage().startsWith("no Controller at"), notController.getMessage());
            String empty = Controller.deploy(p.anvil.web3j(), p.manager(0), ProtocolDeployer.DEV_GAS).send()
                    .getContractAddress();
            IllegalStateException missing = assertThrows(IllegalStateException.class,
                    () -> ProtocolDeployer.lookUp(p.anvil.web3j(), empty));
            assertTrue(missing.getMessage().endsWith("has no LivepeerToken"), missing.getMessage());

            Controller asOwner = Controller.load(p.addresses.controller(), p.anvil.web3j(), p.manager(0),
                    ProtocolDeployer.DEV_GAS);
            Controller asStranger = Controller.load(p.addresses.controller(), p.anvil.web3j(), p.manager(3),
                    ProtocolDeployer.DEV_GAS);
            assertReverts(RevertReason.CONTROLLER_CALLER_IS_NOT_THE_OWNER, () -> asStranger.setContractInfo(
                    ProtocolDeployer.contractId(ProtocolDeployer.MINTER), p.address(3), new byte[20]).send());

            // Only holders of the token's roles mint and burn (OpenZeppelin AccessControl, as Livepeer's token): the
            // deployment gives both to the Minter; the deployer administers the roles and may grant itself one.
            assertTrue(p.token(0).hasRole(ProtocolDeployer.role("MINTER_ROLE"), p.addresses.minter()).send());
            assertTrue(p.token(0).hasRole(ProtocolDeployer.role("BURNER_ROLE"), p.addresses.minter()).send());
            assertRevertsWithError(UNAUTHORIZED, () -> p.token(0).mint(p.address(0), BigInteger.ONE).send());
            assertRevertsWithError(UNAUTHORIZED, () -> p.token(0).burn(lpt("1")).send());
            p.token(0).grantRole(ProtocolDeployer.role("BURNER_ROLE"), p.address(0)).send();
            p.token(0).burn(lpt("1")).send();
            assertEquals(ProtocolParameters.SEED_SUPPLY.subtract(lpt("1")), p.token(0).totalSupply().send());
            assertReverts(RevertReason.MANAGER_CALLER_IS_NOT_THE_ROUNDSMANAGER,
                    () -> p.minter().setCurrentRewardTokens().send());

            // Pause stops the protocol; only the owner pauses.
            assertReverts(RevertReason.CONTROLLER_CALLER_IS_NOT_THE_OWNER, () -> asStranger.pause().send());
            asOwner.pause().send();
            p.fund(1, lpt("10"));
            assertReverts(RevertReason.MANAGER_SYSTEM_IS_PAUSED, () -> p.bonding(1).bond(lpt("10"), p.address(1)).send());
            asOwner.unpause().send();
            p.bonding(1).bond(lpt("10"), p.address(1)).send();

            ServiceRegistry registry = ServiceRegistry.load(p.addresses.serviceRegistry(), p.anvil.web3j(),
                    p.manager(1), ProtocolDeployer.DEV_GAS);
            registry.setServiceURI("https://127.0.0.1:8935").send();
            assertEquals("https://127.0.0.1:8935", registry.getServiceURI(p.address(1)).send());
            assertEquals("", registry.getServiceURI(p.address(2)).send());
        }
    }
}
