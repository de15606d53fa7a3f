package org.framegrid.chain.web3j.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.framegrid.chain.api.ChainException;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.DefaultBlockParameterNumber;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/** Event log queries ({@code eth_getLogs}; works on anvil with pruned history). */
final class Logs {

    private final Web3j web3j;

    Logs(Web3j web3j) {
        this.web3j = web3j;
    }

    /** @return the block numbers of every {@code topic0} event of {@code contract} whose first indexed topic is {@code address} */
    List<Long> blocksOf(String contract, String topic0, String address) throws ChainException {
        List<Long> blocks = new ArrayList<>();
        for (Log log : withAddress(contract, topic0, 1, address)) {
            blocks.add(log.getBlockNumber().longValueExact());
        }
        return blocks;
    }

    /**
     * @return every {@code topic0} event of {@code contract} whose first indexed topic is {@code address}, mined in
     *     blocks {@code from..to} (inclusive)
     */
    List<Log> find(String contract, String topic0, String address, long from, long to) throws ChainException {
        return query(new DefaultBlockParameterNumber(from), new DefaultBlockParameterNumber(to), contract, topic0, 1,
                address);
    }

    /**
     * @return every {@code topic0} event of {@code contract} (all blocks) whose indexed topic {@code topicIndex} (1 for
     *     the first indexed parameter) is {@code address}
     */
    List<Log> withAddress(String contract, String topic0, int topicIndex, String address) throws ChainException {
        return query(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, contract, topic0, topicIndex,
                address);
    }

    /** The same, mined from block {@code from} on. */
    List<Log> withAddress(String contract, String topic0, int topicIndex, String address, long from)
            throws ChainException {
        return query(new DefaultBlockParameterNumber(from), DefaultBlockParameterName.LATEST, contract, topic0,
                topicIndex, address);
    }

    /** @return every {@code topic0} event of {@code contract}, oldest first */
    List<Log> all(String contract, String topic0) throws ChainException {
        return query(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, contract, topic0, 0, null);
    }

    /** @return the distinct addresses in indexed topic {@code topicIndex} of every {@code topic0} event of {@code contract} */
    Set<String> indexedAddresses(String contract, String topic0, int topicIndex) throws ChainException {
        Set<String> addresses = new LinkedHashSet<>();
        for (Log log : all(contract, topic0)) {
            List<String> topics = log.getTopics();
            if (topics.size() > topicIndex) {
                addresses.add("0x" + topics.get(topicIndex).substring(26));
            }
        }
        return addresses;
    }

    /** Events of {@code contract} named by {@code topic0}, with {@code address} in indexed topic {@code topicIndex} (0: any). */
    private List<Log> query(DefaultBlockParameter from, DefaultBlockParameter to, String contract, String topic0,
            int topicIndex, String address) throws ChainException {
        EthFilter filter = new EthFilter(from, to, contract);
        filter.addSingleTopic(topic0);
        if (topicIndex > 0) {
            for (int i = 1; i < topicIndex; i++) {
                filter.addNullTopic();
            }
            filter.addSingleTopic("0x" + "0".repeat(24) + address.substring(2).toLowerCase(Locale.ROOT));
        }
        try {
            EthLog result = web3j.ethGetLogs(filter).send();
            if (result.hasError()) {
                throw new ChainException("logs", result.getError().getMessage(), false);
            }
            List<Log> logs = new ArrayList<>();
            for (EthLog.LogResult<?> entry : result.getLogs()) {
                logs.add((Log) entry.get());
            }
            return logs;
        } catch (IOException e) {
            throw new ChainException("logs", e.getMessage(), false, e);
        }
    }
}
