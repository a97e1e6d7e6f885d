\* GENERATED from ../KexGating.tla and mutations.txt by MutantGenerator; do not edit.
\* Mutant ExtInfoAfterHeld: Held messages are flushed before EXT_INFO after
\* the first NEWKEYS.
\* TLC must reject it with KexGating_ExtInfoAfterHeld.cfg: invariant ExtInfoFirst violated (exit 12).
\* The changed lines end with "MUTATED".
------------------------------ MODULE KexGating_ExtInfoAfterHeld ------------------------------
(***************************************************************************)
(* What may be encrypted while a key exchange runs, and how sequence       *)
(* numbers behave around it, from the first packet of a connection on.     *)
(*                                                                          *)
(* RFC 4253 section 7.1: between sending KEXINIT and sending NEWKEYS a     *)
(* party sends only KEX messages and transport chatter (DISCONNECT,        *)
(* IGNORE, DEBUG, UNIMPLEMENTED).  Anything else the engine produces then  *)
(* (a SERVICE_REQUEST, user-auth, connection messages) waits in `held` and *)
(* is encrypted behind NEWKEYS, in order.                                  *)
(*                                                                          *)
(* Strict KEX (OpenSSH's kex-strict-*-v00@openssh.com, the Terrapin fix):  *)
(*   - during the initial exchange only KEX messages are sent, and an     *)
(*     unexpected message from the peer ends the connection instead of    *)
(*     being answered with UNIMPLEMENTED;                                  *)
(*   - the sequence number restarts at 0 after every NEWKEYS.              *)
(*                                                                          *)
(* EXT_INFO (RFC 8308 section 2.4), when negotiated, is the very next      *)
(* packet after our first NEWKEYS: it must go out before anything that was *)
(* held during the initial exchange.                                       *)
(*                                                                          *)
(* Transmission is whole packets here; OutboundQueue covers the bytes.     *)
(***************************************************************************)
EXTENDS Naturals, Sequences, SshMessages

CONSTANTS
    ChatterKinds,  \* non-KEX kinds the engine may produce at any time, e.g. {"ignore", "service_request"}
    MaxQueue,      \* model bound: such messages are produced while held + wire is shorter than this
    SeqMod,        \* sequence numbers wrap here (2^32 in SSH)
    StrictModes,   \* which outcomes of strict-KEX negotiation to explore
    ExtInfoModes   \* which outcomes of ext-info negotiation to explore: "none" and/or "due"

ASSUME /\ ChatterKinds \cap (KexKinds \cup {"disconnect", "ext_info"}) = {}
       /\ MaxQueue \in Nat /\ SeqMod \in Nat /\ SeqMod >= 2
       /\ StrictModes \subseteq BOOLEAN /\ StrictModes # {}
       /\ ExtInfoModes \subseteq {"none", "due"} /\ ExtInfoModes # {}

VARIABLES
    held,         \* plaintext FIFO of kinds produced during our KEX and not allowed then
    wire,         \* ciphertext FIFO of whole packets [kind, seq, regime]
    seqNext,      \* sequence number the next encrypted packet gets
    strict,       \* strict KEX was negotiated
    extInfo,      \* "none" (not negotiated), "due" (send after the first NEWKEYS), "sent"
    initialKex,   \* TRUE until our first NEWKEYS
    kexState,     \* our key exchange: "idle", "init" (our KEXINIT sent), "dh" (our KEX reply sent)
    peerKexInit,  \* the peer's KEXINIT of the current exchange has been received
    peerKexDh,    \* the peer's key-exchange message of the current exchange has been received
    disconnect,   \* "none" or "queued"
    peerSeq,      \* the peer: sequence number it expects on the next packet
    peerLast      \* the peer: kind of the last packet it received ("none" at first)

vars == << held, wire, seqNext, strict, extInfo, initialKex, kexState, peerKexInit,
           peerKexDh, disconnect, peerSeq, peerLast >>

\* The gating regime a packet encrypted now falls under.
Regime ==
    IF kexState = "idle" THEN "normal"
    ELSE IF strict /\ initialKex THEN "strictInitialKex"
    ELSE "kex"

KexInitOnWire == \E i \in 1..Len(wire) : wire[i].kind = "kexinit"

Packet(kind, seq, regime) == [kind |-> kind, seq |-> seq, regime |-> regime]

EncryptNow(kind) ==
    /\ wire' = Append(wire, Packet(kind, seqNext, Regime))
    /\ seqNext' = NextSeq(seqNext, kind, strict, SeqMod)

\* The routing decision: the table in SshMessages, read with the regime.
Enqueue(kind) ==
    IF kexState = "idle" \/ PassesDuringKex(kind, Regime = "strictInitialKex")
    THEN EncryptNow(kind) /\ UNCHANGED held
    ELSE held' = Append(held, kind) /\ UNCHANGED << wire, seqNext >>

Room == Len(held) + Len(wire) < MaxQueue

-----------------------------------------------------------------------------

\* The engine or the application produces a non-KEX message.
Produce(kind) ==
    /\ disconnect = "none"
    /\ Room
    /\ Enqueue(kind)
    /\ UNCHANGED << strict, extInfo, initialKex, kexState, peerKexInit, peerKexDh,
                    disconnect, peerSeq, peerLast >>

\* A message we do not implement arrives.  Normally answered with
\* UNIMPLEMENTED; in a strict initial exchange it is a protocol violation.
PeerUnexpected ==
    /\ disconnect = "none"
    /\ Room
    /\ IF strict /\ initialKex
       THEN /\ EncryptNow("disconnect")
            /\ disconnect' = "queued"
            /\ held' = << >>
       ELSE /\ Enqueue("unimplemented")
            /\ UNCHANGED disconnect
    /\ UNCHANGED << strict, extInfo, initialKex, kexState, peerKexInit, peerKexDh,
                    peerSeq, peerLast >>

\* A fault or the application ends the connection; what is held is dropped.
Disconnect ==
    /\ disconnect = "none"
    /\ EncryptNow("disconnect")
    /\ disconnect' = "queued"
    /\ held' = << >>
    /\ UNCHANGED << strict, extInfo, initialKex, kexState, peerKexInit, peerKexDh,
                    peerSeq, peerLast >>

\* A rekey of ours, or the answer to the peer's KEXINIT.  The initial
\* exchange starts in Init, so this is never a strict initial one.
StartKex ==
    /\ kexState = "idle"
    /\ disconnect = "none"
    /\ kexState' = "init"
    /\ wire' = Append(wire, Packet("kexinit", seqNext, "kex"))
    /\ seqNext' = NextSeq(seqNext, "kexinit", strict, SeqMod)
    /\ UNCHANGED << held, strict, extInfo, initialKex, peerKexInit, peerKexDh, disconnect,
                    peerSeq, peerLast >>

KexMessage ==
    /\ kexState = "init"
    /\ peerKexInit
    /\ disconnect = "none"
    /\ EncryptNow("kexdh")
    /\ kexState' = "dh"
    /\ UNCHANGED << held, strict, extInfo, initialKex, peerKexInit, peerKexDh, disconnect,
                    peerSeq, peerLast >>

\* NEWKEYS, then EXT_INFO if this is the first one and it was negotiated,
\* then everything held, in order, numbered on from the NEWKEYS rule.
NewKeys ==
    /\ kexState = "dh"
    /\ peerKexDh
    /\ disconnect = "none"
    /\ LET sendExt == initialKex /\ extInfo = "due"
           after   == held \o (IF sendExt THEN << "ext_info" >> ELSE << >>)  \* MUTATED
           first   == NextSeq(seqNext, "newkeys", strict, SeqMod)
           flushed == [i \in 1..Len(after) |-> Packet(after[i], (first + i - 1) % SeqMod, "normal")]
       IN  /\ wire' = Append(wire, Packet("newkeys", seqNext, Regime)) \o flushed
           /\ seqNext' = (first + Len(after)) % SeqMod
           /\ extInfo' = IF sendExt THEN "sent" ELSE extInfo
    /\ held' = << >>
    /\ initialKex' = FALSE
    /\ kexState' = "idle"
    /\ peerKexInit' = FALSE
    /\ peerKexDh' = FALSE
    /\ UNCHANGED << strict, disconnect, peerSeq, peerLast >>

Transmit ==
    /\ wire # << >>
    /\ wire' = Tail(wire)
    /\ peerSeq' = NextSeq(peerSeq, Head(wire).kind, strict, SeqMod)
    /\ peerLast' = Head(wire).kind
    /\ UNCHANGED << held, seqNext, strict, extInfo, initialKex, kexState, peerKexInit,
                    peerKexDh, disconnect >>

\* The peer starts an exchange or answers ours (the initial one included).
PeerKexInit ==
    /\ disconnect = "none"
    /\ ~peerKexInit
    /\ peerKexInit' = TRUE
    /\ UNCHANGED << held, wire, seqNext, strict, extInfo, initialKex, kexState, peerKexDh,
                    disconnect, peerSeq, peerLast >>

\* The peer's key-exchange message needs our KEXINIT to have reached it.
PeerKexDh ==
    /\ disconnect = "none"
    /\ kexState # "idle"
    /\ peerKexInit
    /\ ~peerKexDh
    /\ ~KexInitOnWire
    /\ peerKexDh' = TRUE
    /\ UNCHANGED << held, wire, seqNext, strict, extInfo, initialKex, kexState, peerKexInit,
                    disconnect, peerSeq, peerLast >>

Done ==
    /\ disconnect = "queued"
    /\ wire = << >>
    /\ UNCHANGED vars

\* The connection opens with our KEXINIT as packet 0 (after the version
\* exchange, which has no sequence number).
Init ==
    /\ strict \in StrictModes
    /\ extInfo \in ExtInfoModes
    /\ initialKex = TRUE
    /\ kexState = "init"
    /\ wire = << Packet("kexinit", 0, IF strict THEN "strictInitialKex" ELSE "kex") >>
    /\ seqNext = 1
    /\ held = << >>
    /\ peerKexInit = FALSE
    /\ peerKexDh = FALSE
    /\ disconnect = "none"
    /\ peerSeq = 0
    /\ peerLast = "none"

Next ==
    \/ \E kind \in ChatterKinds : Produce(kind)
    \/ PeerUnexpected \/ Disconnect
    \/ StartKex \/ KexMessage \/ NewKeys
    \/ Transmit \/ PeerKexInit \/ PeerKexDh
    \/ Done

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Safety.                                                                  *)

TypeOK ==
    /\ kexState \in {"idle", "init", "dh"}
    /\ extInfo \in {"none", "due", "sent"}
    /\ disconnect \in {"none", "queued"}
    /\ seqNext \in 0..(SeqMod - 1) /\ peerSeq \in 0..(SeqMod - 1)

\* Between our KEXINIT and our NEWKEYS only what RFC 4253 section 7.1
\* allows, and in a strict initial exchange only KEX messages (and the
\* DISCONNECT that ends it), were encrypted.
KexQuiet == \A i \in 1..Len(wire) : KexQuietOk(wire[i])

\* Held messages exist only while our KEX runs, and never KEX messages.
HeldOnlyDuringKex ==
    /\ kexState = "idle" => held = << >>
    /\ \A i \in 1..Len(held) : held[i] \notin KexKinds

\* The numbers the peer reads follow each other and restart only after a
\* strict NEWKEYS; the head is the packet it expects.
SeqContiguous ==
    /\ \A i \in 1..(Len(wire) - 1) :
           wire[i + 1].seq = NextSeq(wire[i].seq, wire[i].kind, strict, SeqMod)
    /\ wire # << >> => wire[1].seq = peerSeq
    /\ seqNext = IF wire = << >> THEN peerSeq
                 ELSE NextSeq(wire[Len(wire)].seq, wire[Len(wire)].kind, strict, SeqMod)

\* EXT_INFO comes right after NEWKEYS, ahead of what was held.
ExtInfoFirst ==
    \A i \in 1..Len(wire) :
        wire[i].kind = "ext_info" => (IF i = 1 THEN peerLast ELSE wire[i - 1].kind) = "newkeys"

=============================================================================
