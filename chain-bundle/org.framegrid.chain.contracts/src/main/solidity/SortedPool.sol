// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// A size-capped list of addresses sorted by descending key (stake): Livepeer's SortedDoublyLL without position
/// hints. Insertion and key updates walk the list, which is at most numActiveTranscoders long.
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

    function insert(Data storage self, address id, uint256 key) internal {
        require(!isFull(self), "SortedPool: pool is full");
        require(!contains(self, id), "SortedPool: already in pool");
        require(id != address(0), "SortedPool: zero address");
        // First node with a smaller key: ties keep their arrival order.
        address next = self.head;
        while (next != address(0) && self.nodes[next].key >= key) {
            next = self.nodes[next].next;
        }
        address prev = next == address(0) ? self.tail : self.nodes[next].prev;
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

    function updateKey(Data storage self, address id, uint256 newKey) internal {
        remove(self, id);
        insert(self, id, newKey);
    }
}
