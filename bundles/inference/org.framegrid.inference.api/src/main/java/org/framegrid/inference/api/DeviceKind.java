package org.framegrid.inference.api;

/** The kind of device a backend runs models on. */
public enum DeviceKind {
    CPU,
    GPU,
    /** A dedicated accelerator that is neither a CPU nor a GPU. */
    NPU
}
