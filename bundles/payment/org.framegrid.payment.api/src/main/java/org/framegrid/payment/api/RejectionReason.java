package org.framegrid.payment.api;

/** Why a receiver refused (part of) a payment. A refused part credits nothing. */
public enum RejectionReason {
    /** The bytes could not be decoded, or belong to another scheme. */
    MALFORMED,
    /** The signature does not recover to the sender. */
    BAD_SIGNATURE,
    /** The sender's nonce was already used with these terms (a replay). */
    REPLAYED,
    /** The terms the payment was made under have expired. */
    EXPIRED,
    /** The payment is addressed to another recipient. */
    WRONG_RECIPIENT,
    /** The payment does not match the terms this receiver issued (unknown or altered terms). */
    TERMS_MISMATCH,
    /** The payment's face value is more than the sender's funds can cover (its max float). */
    FACE_VALUE_TOO_HIGH,
    /** The sender's on-chain funds cannot back the payment (no deposit/reserve, or withdrawing). */
    UNDERFUNDED_SENDER,
    /** The receiver could not check the payment now (e.g. the chain is unreachable); the sender may retry. */
    UNAVAILABLE
}
