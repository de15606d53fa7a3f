package org.framegrid.chain.web3j.internal;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Turns what a node answers for a reverted call into text: {@code Error(string)} gives its string,
 * {@code Panic(uint256)} its meaning, a custom error of our contracts its name and arguments (from the ABI files the
 * contracts library ships). Never returns the raw hex when it can be read; an unknown selector is named as such.
 */
final class Reverts {

    private static final String ERROR_STRING = "0x08c379a0";
    private static final String PANIC = "0x4e487b71";
    /** ABI resources of the contracts library (org.framegrid.chain.contracts). */
    private static final String ABI_DIR = "org/framegrid/chain/contracts/solidity/";
    private static final List<String> CONTRACTS = List.of("LivepeerToken", "Controller", "RoundsManager", "Minter",
            "BondingManager", "TicketBroker", "ServiceRegistry", "BondingVotes", "Treasury", "LivepeerGovernor");

    private static final Map<Integer, String> PANICS = Map.of(0x01, "assertion failed", 0x11,
            "arithmetic overflow or underflow", 0x12, "division by zero", 0x21, "invalid enum value", 0x22,
            "bad storage byte array", 0x31, "pop on an empty array", 0x32, "array index out of bounds", 0x41,
            "out of memory", 0x51, "call to an uninitialised function");

    @SuppressWarnings("unchecked")
    private static final TypeReference<Type> STRING = (TypeReference<Type>) (TypeReference<?>) new TypeReference<Utf8String>() {
    };
    @SuppressWarnings("unchecked")
    private static final TypeReference<Type> UINT = (TypeReference<Type>) (TypeReference<?>) new TypeReference<Uint256>() {
    };

    private final Map<String, CustomError> customErrors;

    private record CustomError(String name, List<String> argNames, List<TypeReference<Type>> types) {
    }

    private Reverts(Map<String, CustomError> customErrors) {
        this.customErrors = customErrors;
    }

    /** Reads the custom errors declared in the contracts' ABI files found through {@code loader}. */
    static Reverts load(ClassLoader loader) {
        Map<String, CustomError> errors = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String contract : CONTRACTS) {
            try (InputStream in = loader.getResourceAsStream(ABI_DIR + contract + ".abi")) {
                if (in == null) {
                    continue; // an ABI the library does not ship has no custom errors we could name
                }
                for (JsonNode entry : json.readTree(in)) {
                    if ("error".equals(entry.path("type").asText())) {
                        addError(errors, entry);
                    }
                }
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                // A broken ABI file only costs readable names for its custom errors; Error(string) still decodes.
            }
        }
        return new Reverts(Map.copyOf(errors));
    }

    @SuppressWarnings("unchecked")
    private static void addError(Map<String, CustomError> errors, JsonNode entry) throws ClassNotFoundException {
        List<String> names = new ArrayList<>();
        List<TypeReference<Type>> types = new ArrayList<>();
        StringJoiner signature = new StringJoiner(",", entry.path("name").asText() + "(", ")");
        for (JsonNode input : entry.path("inputs")) {
            String type = input.path("type").asText();
            signature.add(type);
            names.add(input.path("name").asText());
            types.add((TypeReference<Type>) (TypeReference<?>) TypeReference.makeTypeReference(type));
        }
        String selector = Numeric.toHexString(Hash.sha3(signature.toString().getBytes(StandardCharsets.UTF_8)))
                .substring(0, 10);
        errors.put(selector, new CustomError(entry.path("name").asText(), names, types));
    }

    /**
     * @param data    the revert data ({@code 0x} hex), or {@code null}
     * @param message the node's message, e.g. {@code "execution reverted: ..."}, or {@code null}
     * @return the reason as text
     */
    String reason(String data, String message) {
        String hex = data == null ? "" : data.strip().replace("\"", "");
        if (hex.length() >= 10 && hex.startsWith("0x")) {
            String selector = hex.substring(0, 10).toLowerCase(java.util.Locale.ROOT);
            String args = "0x" + hex.substring(10);
            try {
                if (selector.equals(ERROR_STRING)) {
                    List<Type> decoded = FunctionReturnDecoder.decode(args, List.of(STRING));
                    return decoded.isEmpty() ? "reverted with an empty reason" : decoded.get(0).getValue().toString();
                }
                if (selector.equals(PANIC)) {
                    List<Type> decoded = FunctionReturnDecoder.decode(args, List.of(UINT));
                    int code = ((BigInteger) decoded.get(0).getValue()).intValue();
                    return "panic: " + PANICS.getOrDefault(code, "code 0x" + Integer.toHexString(code));
                }
                CustomError custom = customErrors.get(selector);
                if (custom != null) {
                    return describe(custom, FunctionReturnDecoder.decode(args, custom.types()));
                }
                return "reverted with an unknown error (selector " + selector + ")";
            } catch (RuntimeException e) {
                return "reverted with undecodable data (selector " + selector + ")";
            }
        }
        if (message != null && !message.isBlank()) {
            String text = message.strip();
            String prefix = "execution reverted: ";
            if (text.startsWith(prefix)) {
                return text.substring(prefix.length());
            }
            return text.equals("execution reverted") ? "reverted without a reason" : text;
        }
        return "reverted without a reason";
    }

    private static String describe(CustomError error, List<Type> values) {
        StringJoiner text = new StringJoiner(", ", error.name() + "(", ")");
        for (int i = 0; i < values.size(); i++) {
            String name = error.argNames().get(i);
            Object value = values.get(i).getValue();
            text.add(name.isEmpty() ? String.valueOf(value) : name + "=" + value);
        }
        return text.toString();
    }
}
