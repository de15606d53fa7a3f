// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// A size-capped list of addresses sorted by descending key (stake), like Livepeer's SortedDoublyLL. Each node goes
/// after every node with an equal or larger key (ties keep their arrival order). Callers may pass the position they
/// computed off-chain as a hint (prev, next): a hint that is exactly that position saves the walk along the list; any
/// other hint (zero addresses included) is ignored and the list is walked, so a hint never changes the result.
library SortedPool {
    struct Node {
        uint256 key;
        address next;
        address prev;
        bool exists;
    }

    struct Data {
        address head;
        address tail;
        uint256 maxSize;
        uint256 size;
        mapping(address => Node) nodes;
    }

    function contains(Data storage self, address id) internal view returns (bool) {
        return self.nodes[id].exists;
    }

    function isFull(Data storage self) internal view returns (bool) {
        return self.size == self.maxSize;
    }

    function getKey(Data storage self, address id) internal view returns (uint256) {
        return self.nodes[id].key;
    }

    function insert(Data storage self, address id, uint256 key, address prevHint, address nextHint) internal {
        require(!isFull(self), "SortedPool: pool is full");
        require(!contains(self, id), "SortedPool: already in pool");
        require(id != address(0), "SortedPool: zero address");
        (address prev, address next) = isPosition(self, key, prevHint, nextHint)
            ? (prevHint, nextHint)
            : findPosition(self, key);
        self.nodes[id] = Node(key, next, prev, true);
        if (prev == address(0)) {
            self.head = id;
        } else {
            self.nodes[prev].next = id;
        }
        if (next == address(0)) {
            self.tail = id;
        } else {
            self.nodes[next].prev = id;
        }
        self.size++;
    }

    function remove(Data storage self, address id) internal {
        require(contains(self, id), "SortedPool: not in pool");
        Node storage node = self.nodes[id];
        if (node.prev == address(0)) {
            self.head = node.next;
        } else {
            self.nodes[node.prev].next = node.next;
        }
        if (node.next == address(0)) {
            self.tail = node.prev;
        } else {
            self.nodes[node.next].prev = node.prev;
        }
        delete self.nodes[id];
        self.size--;
    }

    /// Moves id to where newKey belongs; the hint is the position in the list without id.
    function updateKey(Data storage self, address id, uint256 newKey, address prevHint, address nextHint) internal {
        remove(self, id);
        insert(self, id, newKey, prevHint, nextHint);
    }

    /// The walk: after the last node whose key is at least key.
    function findPosition(Data storage self, uint256 key) private view returns (address prev, address next) {
        next = self.head;
        while (next != address(0) && self.nodes[next].key >= key) {
            next = self.nodes[next].next;
        }
        prev = next == address(0) ? self.tail : self.nodes[next].prev;
    }

    /// Whether (prev, next) is exactly the position findPosition would return. (0, 0) is only the position in an
    /// empty list, so the "no hint" value falls back to the walk everywhere else.
    function isPosition(Data storage self, uint256 key, address prev, address next) private view returns (bool) {
        if (prev == address(0)) {
            return next == address(0) ? self.size == 0 : self.head == next && self.nodes[next].key < key;
        }
        Node storage p = self.nodes[prev];
        if (!p.exists || p.key < key || p.next != next) {
            return false;
        }
        return next == address(0) || self.nodes[next].key < key;
    }
}
