package org.framegrid.inference.api;

/** How much a backend may rewrite the model graph when it loads it; backends map these to their own levels. */
public enum GraphOptimization {
    /** No rewriting: the graph runs as stored. */
    NONE,
    /** Semantics-preserving local rewrites (constant folding, redundant node removal). */
    BASIC,
    /** Also node fusions that are specific to the backend's kernels. */
    EXTENDED,
    /** Everything the backend offers, including layout changes. */
    ALL
}
