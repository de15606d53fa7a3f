package org.framegrid.payment.tickets.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.framegrid.payment.api.ticket.Ticket;
import org.framegrid.payment.api.ticket.WinningTicket;

/**
 * The wire forms of the ticket scheme: terms (a {@link TicketParams}) and a payment (the parameters, the sender, and
 * one nonce and signature per ticket, as go-livepeer's Payment message). Each starts with a format byte.
 */
final class TicketCodec {
    static final String SCHEME = "tickets";
    private static final int TERMS_FORMAT = 1;
    private static final int PAYMENT_FORMAT = 1;
    private static final int WINNER_FORMAT = 1;
    /** Upper bound on tickets in one payment, so a hostile length cannot make us allocate without limit. */
    static final int MAX_TICKETS = 100_000;

    private TicketCodec() {
    }

    /** One ticket of a batch: the sender's nonce and its 65-byte signature. */
    record SignedNonce(BigInteger nonce, byte[] signature) {
    }

    /** A decoded payment. */
    record Batch(TicketParams params, String sender, List<SignedNonce> tickets) {
        Ticket ticket(SignedNonce signed) {
            return new Ticket(params.recipient(), sender, params.faceValue(), params.winProb(), signed.nonce(),
                    params.recipientRandHash(), params.creationRound(), params.creationRoundBlockHash());
        }
    }

    static byte[] encodeTerms(TicketParams params) {
        return write(out -> {
            out.writeByte(TERMS_FORMAT);
            params.write(out);
        });
    }

    /** @throws IllegalArgumentException naming what is wrong with the bytes */
    static TicketParams decodeTerms(byte[] bytes) {
        return read(bytes, "ticket terms", in -> {
            expectFormat(in, TERMS_FORMAT, "ticket terms");
            return TicketParams.read(in);
        });
    }

    static byte[] encodePayment(Batch batch) {
        return write(out -> {
            out.writeByte(PAYMENT_FORMAT);
            batch.params().write(out);
            out.write(Bytes.address(batch.sender()));
            out.writeInt(batch.tickets().size());
            for (SignedNonce ticket : batch.tickets()) {
                out.write(Bytes.uint256(ticket.nonce()));
                out.write(ticket.signature());
            }
        });
    }

    /** @throws IllegalArgumentException naming what is wrong with the bytes */
    static Batch decodePayment(byte[] bytes) {
        return read(bytes, "ticket payment", in -> {
            expectFormat(in, PAYMENT_FORMAT, "ticket payment");
            TicketParams params = TicketParams.read(in);
            String sender = Bytes.hex(TicketParams.readFully(in, 20));
            int count = in.readInt();
            if (count < 1 || count > MAX_TICKETS) {
                throw new IllegalArgumentException("ticket payment: ticket count " + count + " outside 1.."
                        + MAX_TICKETS);
            }
            List<SignedNonce> tickets = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                tickets.add(new SignedNonce(Bytes.unsigned(TicketParams.readFully(in, 32)),
                        TicketParams.readFully(in, 65)));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("ticket payment: " + in.available() + " trailing bytes");
            }
            return new Batch(params, sender, tickets);
        });
    }

    static byte[] encodeWinner(WinningTicket winner) {
        Ticket t = winner.ticket();
        return write(out -> {
            out.writeByte(WINNER_FORMAT);
            out.write(Bytes.address(t.recipient()));
            out.write(Bytes.address(t.sender()));
            out.write(Bytes.uint256(t.faceValue()));
            out.write(Bytes.uint256(t.winProb()));
            out.write(Bytes.uint256(t.senderNonce()));
            out.write(t.recipientRandHash());
            out.writeLong(t.creationRound());
            out.write(t.creationRoundBlockHash());
            out.write(winner.signature());
            out.write(Bytes.uint256(winner.recipientRand()));
        });
    }

    static WinningTicket decodeWinner(byte[] bytes) {
        return read(bytes, "stored winning ticket", in -> {
            expectFormat(in, WINNER_FORMAT, "stored winning ticket");
            String recipient = Bytes.hex(TicketParams.readFully(in, 20));
            String sender = Bytes.hex(TicketParams.readFully(in, 20));
            BigInteger faceValue = Bytes.unsigned(TicketParams.readFully(in, 32));
            BigInteger winProb = Bytes.unsigned(TicketParams.readFully(in, 32));
            BigInteger nonce = Bytes.unsigned(TicketParams.readFully(in, 32));
            byte[] randHash = TicketParams.readFully(in, 32);
            long round = in.readLong();
            byte[] blockHash = TicketParams.readFully(in, 32);
            byte[] signature = TicketParams.readFully(in, 65);
            BigInteger rand = Bytes.unsigned(TicketParams.readFully(in, 32));
            return new WinningTicket(new Ticket(recipient, sender, faceValue, winProb, nonce, randHash, round,
                    blockHash), signature, rand);
        });
    }

    private static void expectFormat(DataInputStream in, int format, String what) throws IOException {
        int got = in.readUnsignedByte();
        if (got != format) {
            throw new IllegalArgumentException(what + ": unknown format " + got + " (expected " + format + ")");
        }
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, String what, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return reader.read(in);
        } catch (EOFException e) {
            throw new IllegalArgumentException(what + ": truncated (" + bytes.length + " bytes)");
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": unreadable: " + e.getMessage());
        }
    }
}
