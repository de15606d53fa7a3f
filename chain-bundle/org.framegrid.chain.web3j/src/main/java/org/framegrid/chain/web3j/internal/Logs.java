package org.framegrid.chain.web3j.internal;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.framegrid.chain.api.ChainException;
import org.web3j.protocol.Web3j;
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
    java.util.List<Long> blocksOf(String contract, String topic0, String address) throws ChainException {
        EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, contract);
        filter.addSingleTopic(topic0);
        filter.addSingleTopic("0x" + "0".repeat(24) + address.substring(2).toLowerCase(java.util.Locale.ROOT));
        try {
            EthLog result = web3j.ethGetLogs(filter).send();
            if (result.hasError()) {
                throw new ChainException("logs", result.getError().getMessage(), false);
            }
            java.util.List<Long> blocks = new java.util.ArrayList<>();
            for (EthLog.LogResult<?> entry : result.getLogs()) {
                blocks.add(((Log) entry.get()).getBlockNumber().longValueExact());
            }
            return blocks;
        } catch (IOException e) {
            throw new ChainException("logs", e.getMessage(), false, e);
        }
    }

    /**
     * @return every {@code topic0} event of {@code contract} whose first indexed topic is {@code address}, mined in
     *     blocks {@code from..to} (inclusive)
     */
    List<Log> find(String contract, String topic0, String address, long from, long to) throws ChainException {
        EthFilter filter = new EthFilter(new DefaultBlockParameterNumber(from), new DefaultBlockParameterNumber(to),
                contract);
        filter.addSingleTopic(topic0);
        filter.addSingleTopic("0x" + "0".repeat(24) + address.substring(2).toLowerCase(java.util.Locale.ROOT));
        try {
            EthLog result = web3j.ethGetLogs(filter).send();
            if (result.hasError()) {
                throw new ChainException("logs", result.getError().getMessage(), false);
            }
            List<Log> logs = new java.util.ArrayList<>();
            for (EthLog.LogResult<?> entry : result.getLogs()) {
                logs.add((Log) entry.get());
            }
            return logs;
        } catch (IOException e) {
            throw new ChainException("logs", e.getMessage(), false, e);
        }
    }

    /** @return the distinct addresses in indexed topic {@code topicIndex} of every {@code topic0} event of {@code contract} */
    Set<String> indexedAddresses(String contract, String topic0, int topicIndex) throws ChainException {
        EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, contract);
        filter.addSingleTopic(topic0);
        try {
            EthLog result = web3j.ethGetLogs(filter).send();
            if (result.hasError()) {
                throw new ChainException("logs", result.getError().getMessage(), false);
            }
            Set<String> addresses = new LinkedHashSet<>();
            for (EthLog.LogResult<?> entry : result.getLogs()) {
                Log log = (Log) entry.get();
                List<String> topics = log.getTopics();
                if (topics.size() > topicIndex) {
                    addresses.add("0x" + topics.get(topicIndex).substring(26));
                }
            }
            return addresses;
        } catch (IOException e) {
            throw new ChainException("logs", e.getMessage(), false, e);
        }
    }
}
