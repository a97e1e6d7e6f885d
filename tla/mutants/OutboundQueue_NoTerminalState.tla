\* GENERATED from ../OutboundQueue.tla and mutations.txt by MutantGenerator; do not edit.
\* Mutant NoTerminalState: Without the explicit terminal state, a connection
\* that has sent its DISCONNECT is a deadlock: deadlock checking is live.
\* TLC must reject it with OutboundQueue_NoTerminalState.cfg: deadlock (exit 11).
\* The changed lines end with "MUTATED".
---------------------------- MODULE OutboundQueue_NoTerminalState ----------------------------
(***************************************************************************)
(* One side's outbound path in the Sanssh engine.                           *)
(*                                                                          *)
(* Messages leave in two stages, as in OpenSSH.  A message is first either *)
(* encrypted at once into `wire`, the ciphertext queue of whole packets,   *)
(* or, while our key exchange runs and the message is not allowed then,    *)
(* parked in `held`, a plaintext FIFO that is encrypted behind our         *)
(* NEWKEYS.  A sequence number is given at encryption, never earlier, so   *)
(* the numbers on the wire are contiguous whatever was held.  The driver   *)
(* takes any number of bytes from the head packet (`sentBytes` points      *)
(* into it); a packet on the wire is never changed, split or dropped.      *)
(*                                                                          *)
(* Flow control is by return values, never by refusing:                    *)
(*   - the application's channel writes are limited by `Credit`: the peer's *)
(*     window, the outbound budget (room below the high-water mark), and   *)
(*     zero while our key exchange runs;                                   *)
(*   - messages the engine produces itself (replies, window adjusts, close  *)
(*     echo, KEX messages, DISCONNECT) are appended with no capacity check; *)
(*   - memory stays bounded because input pauses (wantsRead false) while   *)
(*     the unsent ciphertext is at or above the high-water mark, and every *)
(*     internal message has a trigger that only input can renew.           *)
(*                                                                          *)
(* Two design points this model decides:                                   *)
(*   1. Pausing counts the wire only, not `held`.  Held messages can only  *)
(*      leave after our NEWKEYS, which needs input from the peer; pausing  *)
(*      on them could stop input with nothing left to transmit (mutant    *)
(*      PauseCountsHeld).                                                  *)
(*   2. Credit is zero during our key exchange.  Channel data written then *)
(*      could only go to `held`, which the ciphertext budget does not      *)
(*      see, and would grow without bound (mutant DataDuringKex).          *)
(*                                                                          *)
(* The model starts on an established connection, with one channel and   *)
(* the peer's global want_reply requests (keep-alives).  ChannelModel      *)
(* covers several channels, EOF/CLOSE order and per-channel replies;       *)
(* KexGating covers the initial exchange, the full RFC 4253 section 7.1    *)
(* table, strict KEX's first exchange and EXT_INFO.                        *)
(***************************************************************************)
EXTENDS Naturals, Sequences, SshMessages

CONSTANTS
    MaxPkt,          \* a packet takes 1..MaxPkt units of ciphertext
    HighWater,       \* units of unsent ciphertext at which input pauses
    Window,          \* the peer's channel window when it is fully open
    MaxOutstanding,  \* the peer leaves at most this many requests unanswered
    SeqMod,          \* sequence numbers wrap here (2^32 in SSH)
    StrictModes      \* which outcomes of strict-KEX negotiation to explore

ASSUME /\ MaxPkt \in Nat \ {0}
       /\ HighWater \in Nat \ {0}
       /\ Window \in Nat \ {0}
       /\ MaxOutstanding \in Nat \ {0}
       /\ SeqMod \in Nat /\ SeqMod >= 2
       /\ StrictModes \subseteq BOOLEAN /\ StrictModes # {}

VARIABLES
    held,         \* plaintext FIFO of [kind, size, id]: non-KEX messages made during our KEX
    wire,         \* ciphertext FIFO of [kind, size, id, seq, regime]: whole encrypted packets
    sentBytes,    \* units of Head(wire) already handed to the driver; 0 when wire is empty
    seqNext,      \* sequence number the next encrypted packet gets
    strict,       \* strict KEX was negotiated (fixed for the connection)
    kexState,     \* our key exchange: "idle", "init" (our KEXINIT sent), "dh" (our KEX reply sent)
    rekeyDue,     \* our own rekey is due (volume limit, time, request): we will start a KEX
    peerKexInit,  \* the peer's KEXINIT of the current exchange has been received
    peerKexDh,    \* the peer's key-exchange message of the current exchange has been received
    peerWindow,   \* units of channel data the peer still accepts (its window, as we count it)
    chanState,    \* "open"; "closing": the peer's CLOSE arrived, our echo is owed; "closed"
    adjustOwed,   \* the application consumed received data: a WINDOW_ADJUST is owed
    pending,      \* ids of the peer's want_reply requests received but not yet answered, FIFO
    nextReqId,    \* id the next request from the peer gets (ids wrap at MaxOutstanding + 1)
    disconnect,   \* "none"; "owed": a fault was found; "queued": DISCONNECT is on the wire
    peerSeq,      \* the peer: sequence number it expects on the next packet it completes
    peerReplyId   \* the peer: id of the request whose reply it expects next

vars == << held, wire, sentBytes, seqNext, strict, kexState, rekeyDue, peerKexInit,
           peerKexDh, peerWindow, chanState, adjustOwed, pending, nextReqId,
           disconnect, peerSeq, peerReplyId >>

IdMod == MaxOutstanding + 1

-----------------------------------------------------------------------------
(* What the engine exposes; each is a method of the engine, not a field.   *)

\* Unsent ciphertext: what the driver still has to write.
WireBacklog == SumSizes(wire) - sentBytes

HeldSize == SumSizes(held)

\* Input pauses at the high-water mark.  Only the wire counts: see point 1.
Paused == WireBacklog >= HighWater

WantsRead == ~Paused /\ disconnect = "none"

WantsWrite == wire # << >>

\* Room below the high-water mark.  Whenever input is read there is room,
\* so a reply to that input never finds the application holding all of it.
Budget == IF WireBacklog < HighWater THEN HighWater - WireBacklog ELSE 0

\* What a channel write may take now (ChannelWritable fires when it is > 0).
Credit == IF kexState = "idle" /\ chanState = "open" /\ disconnect = "none"
          THEN Min(peerWindow, Budget)
          ELSE 0

\* Requests the peer has sent whose reply it has not yet received.
Outstanding == (nextReqId + IdMod - peerReplyId) % IdMod

\* Our KEXINIT of the current exchange has not fully left.  The peer's key
\* exchange message depends on it, so it cannot have arrived yet.
KexInitOnWire == \E i \in 1..Len(wire) : wire[i].kind = "kexinit"

AdjustQueued == \E i \in 1..Len(held \o wire) : (held \o wire)[i].kind = "adjust"

Msg(kind, size, id) == [kind |-> kind, size |-> size, id |-> id]

-----------------------------------------------------------------------------
(* Encryption.  Every packet gets the next sequence number as it enters    *)
(* the wire; its regime records whether our KEX was running.               *)

Packet(m, seq, regime) ==
    [kind |-> m.kind, size |-> m.size, id |-> m.id, seq |-> seq, regime |-> regime]

EncryptNow(m, regime) ==
    /\ wire' = Append(wire, Packet(m, seqNext, regime))
    /\ seqNext' = NextSeq(seqNext, m.kind, strict, SeqMod)

\* The one routing decision for every message: encrypt now, or hold until
\* our NEWKEYS.
Enqueue(m) ==
    IF kexState = "idle" \/ PassesDuringKex(m.kind, FALSE)
    THEN /\ EncryptNow(m, IF kexState = "idle" THEN "normal" ELSE "kex")
         /\ UNCHANGED held
    ELSE /\ held' = Append(held, m)
         /\ UNCHANGED << wire, seqNext >>

-----------------------------------------------------------------------------
(* The application.                                                        *)

\* A channel write accepts as much as Credit allows, in one packet.  When
\* the data crosses the rekey volume limit, a rekey becomes due.
AppWrite ==
    \E size \in 1..Min(MaxPkt, Credit) :
        /\ Enqueue(Msg("data", size, 0))
        /\ peerWindow' = peerWindow - size
        /\ rekeyDue' \in {rekeyDue, TRUE}
        /\ UNCHANGED << sentBytes, strict, kexState, peerKexInit, peerKexDh, chanState,
                        adjustOwed, pending, nextReqId, disconnect, peerSeq, peerReplyId >>

\* Our own rekey falls due without data: the application asked for one, the
\* rekey time limit passed, or the connection's first exchange starts.  Only
\* a trigger: StartKex (not fair for our own rekeys) does the rest.
RekeyRequested ==
    /\ rekeyDue = FALSE
    /\ kexState = "idle"
    /\ disconnect = "none"
    /\ rekeyDue' = TRUE
    /\ UNCHANGED << held, wire, sentBytes, seqNext, strict, kexState, peerKexInit, peerKexDh,
                    peerWindow, chanState, adjustOwed, pending, nextReqId, disconnect, peerSeq,
                    peerReplyId >>

-----------------------------------------------------------------------------
(* Messages the engine produces itself: appended with no capacity check.   *)

\* Replies leave in the order the requests arrived (keep-alives are global
\* requests with want_reply, e.g. keepalive@openssh.com).
RequestReply ==
    /\ pending # << >>
    /\ disconnect = "none"
    /\ Enqueue(Msg("reply", 1, Head(pending)))
    /\ pending' = Tail(pending)
    /\ UNCHANGED << sentBytes, strict, kexState, rekeyDue, peerKexInit, peerKexDh,
                    peerWindow, chanState, adjustOwed, nextReqId, disconnect, peerSeq,
                    peerReplyId >>

WindowAdjust ==
    /\ adjustOwed
    /\ disconnect = "none"
    /\ Enqueue(Msg("adjust", 1, 0))
    /\ adjustOwed' = FALSE
    /\ UNCHANGED << sentBytes, strict, kexState, rekeyDue, peerKexInit, peerKexDh,
                    peerWindow, chanState, pending, nextReqId, disconnect, peerSeq,
                    peerReplyId >>

CloseEcho ==
    /\ chanState = "closing"
    /\ disconnect = "none"
    /\ Enqueue(Msg("close", 1, 0))
    /\ chanState' = "closed"
    /\ UNCHANGED << sentBytes, strict, kexState, rekeyDue, peerKexInit, peerKexDh,
                    peerWindow, adjustOwed, pending, nextReqId, disconnect, peerSeq,
                    peerReplyId >>

\* DISCONNECT is the last message: it passes any KEX, and what was held or
\* owed is dropped with the connection.  The wire still drains.
Disconnect ==
    /\ disconnect = "owed"
    /\ EncryptNow(Msg("disconnect", 1, 0), IF kexState = "idle" THEN "normal" ELSE "kex")
    /\ disconnect' = "queued"
    /\ held' = << >>
    /\ pending' = << >>
    /\ adjustOwed' = FALSE
    /\ UNCHANGED << sentBytes, strict, kexState, rekeyDue, peerKexInit, peerKexDh,
                    peerWindow, chanState, nextReqId, peerSeq, peerReplyId >>

-----------------------------------------------------------------------------
(* Our key exchange.  KEX messages are encrypted at once.                  *)

\* Ours when the rekey limit is reached, or in reply to the peer's KEXINIT.
StartKex ==
    /\ kexState = "idle"
    /\ disconnect = "none"
    /\ rekeyDue \/ peerKexInit
    /\ EncryptNow(Msg("kexinit", MaxPkt, 0), "kex")
    /\ kexState' = "init"
    /\ rekeyDue' = FALSE
    /\ UNCHANGED << held, sentBytes, strict, peerKexInit, peerKexDh, peerWindow,
                    chanState, adjustOwed, pending, nextReqId, disconnect, peerSeq,
                    peerReplyId >>

\* Our method-specific message (KEX_ECDH_INIT or _REPLY, ...), once both
\* KEXINITs are known.
KexMessage ==
    /\ kexState = "init"
    /\ peerKexInit
    /\ disconnect = "none"
    /\ EncryptNow(Msg("kexdh", 1, 0), "kex")
    /\ kexState' = "dh"
    /\ UNCHANGED << held, sentBytes, strict, rekeyDue, peerKexInit, peerKexDh, peerWindow,
                    chanState, adjustOwed, pending, nextReqId, disconnect, peerSeq,
                    peerReplyId >>

\* Our NEWKEYS ends our KEX: everything held is encrypted behind it, in
\* FIFO order, under the new keys and (strict) with numbers from 0.
NewKeys ==
    /\ kexState = "dh"
    /\ peerKexDh
    /\ disconnect = "none"
    /\ LET newKeys == Packet(Msg("newkeys", 1, 0), seqNext, "kex")
           first   == NextSeq(seqNext, "newkeys", strict, SeqMod)
           flushed == [i \in 1..Len(held) |-> Packet(held[i], (first + i - 1) % SeqMod, "normal")]
       IN  /\ wire' = Append(wire, newKeys) \o flushed
           /\ seqNext' = (first + Len(held)) % SeqMod
    /\ held' = << >>
    /\ kexState' = "idle"
    /\ peerKexInit' = FALSE
    /\ peerKexDh' = FALSE
    /\ UNCHANGED << sentBytes, strict, rekeyDue, peerWindow, chanState, adjustOwed,
                    pending, nextReqId, disconnect, peerSeq, peerReplyId >>

-----------------------------------------------------------------------------
(* The driver writes.  A write that spans packets is several Transmit     *)
(* steps.  The peer's side records each packet it completes.               *)

Transmit(n) ==
    /\ wire # << >>
    /\ n \in 1..(Head(wire).size - sentBytes)
    /\ IF sentBytes + n < Head(wire).size
       THEN /\ sentBytes' = sentBytes + n
            /\ UNCHANGED << wire, peerSeq, peerReplyId >>
       ELSE /\ wire' = Tail(wire)
            /\ sentBytes' = 0
            /\ peerSeq' = NextSeq(peerSeq, Head(wire).kind, strict, SeqMod)
            /\ peerReplyId' = IF Head(wire).kind = "reply"
                              THEN (peerReplyId + 1) % IdMod ELSE peerReplyId
    /\ UNCHANGED << held, seqNext, strict, kexState, rekeyDue, peerKexInit, peerKexDh,
                    peerWindow, chanState, adjustOwed, pending, nextReqId, disconnect >>

-----------------------------------------------------------------------------
(* Input: what the peer may send.  Each is one receive() that only runs    *)
(* while wantsRead.  A peer that has sent its KEXINIT sends nothing but    *)
(* KEX messages until the exchange ends (RFC 4253 section 7.1).            *)

PeerRequestArrives ==
    /\ WantsRead
    /\ ~peerKexInit
    /\ Outstanding < MaxOutstanding
    /\ pending' = Append(pending, nextReqId)
    /\ nextReqId' = (nextReqId + 1) % IdMod
    /\ UNCHANGED << held, wire, sentBytes, seqNext, strict, kexState, rekeyDue, peerKexInit,
                    peerKexDh, peerWindow, chanState, adjustOwed, disconnect, peerSeq,
                    peerReplyId >>

\* Channel data within our window; the application consumes it, so an adjust
\* is owed.  The peer sends more only once that adjust has reached it.
PeerData ==
    /\ WantsRead
    /\ ~peerKexInit
    /\ chanState = "open"
    /\ ~adjustOwed
    /\ ~AdjustQueued
    /\ adjustOwed' = TRUE
    /\ UNCHANGED << held, wire, sentBytes, seqNext, strict, kexState, rekeyDue, peerKexInit,
                    peerKexDh, peerWindow, chanState, pending, nextReqId, disconnect,
                    peerSeq, peerReplyId >>

PeerWindowAdjust ==
    /\ WantsRead
    /\ ~peerKexInit
    /\ chanState = "open"
    /\ peerWindow < Window
    /\ peerWindow' = Window
    /\ UNCHANGED << held, wire, sentBytes, seqNext, strict, kexState, rekeyDue, peerKexInit,
                    peerKexDh, chanState, adjustOwed, pending, nextReqId, disconnect,
                    peerSeq, peerReplyId >>

\* After the peer's CLOSE it sends no more data, so no adjust is needed.
PeerClose ==
    /\ WantsRead
    /\ ~peerKexInit
    /\ chanState = "open"
    /\ chanState' = "closing"
    /\ adjustOwed' = FALSE
    /\ UNCHANGED << held, wire, sentBytes, seqNext, strict, kexState, rekeyDue, peerKexInit,
                    peerKexDh, peerWindow, pending, nextReqId, disconnect, peerSeq,
                    peerReplyId >>

\* The peer starts a key exchange, or answers ours.
PeerKexInit ==
    /\ WantsRead
    /\ ~peerKexInit
    /\ peerKexInit' = TRUE
    /\ UNCHANGED << held, wire, sentBytes, seqNext, strict, kexState, rekeyDue, peerKexDh,
                    peerWindow, chanState, adjustOwed, pending, nextReqId, disconnect,
                    peerSeq, peerReplyId >>

PeerKexDh ==
    /\ WantsRead
    /\ kexState # "idle"
    /\ peerKexInit
    /\ ~peerKexDh
    /\ ~KexInitOnWire
    /\ peerKexDh' = TRUE
    /\ UNCHANGED << held, wire, sentBytes, seqNext, strict, kexState, rekeyDue, peerKexInit,
                    peerWindow, chanState, adjustOwed, pending, nextReqId, disconnect,
                    peerSeq, peerReplyId >>

\* A bad MAC, a malformed packet, a window overrun...: DISCONNECT is owed.
PeerFault ==
    /\ WantsRead
    /\ disconnect' = "owed"
    /\ UNCHANGED << held, wire, sentBytes, seqNext, strict, kexState, rekeyDue, peerKexInit,
                    peerKexDh, peerWindow, chanState, adjustOwed, pending, nextReqId,
                    peerSeq, peerReplyId >>

Receive ==
    \/ PeerRequestArrives \/ PeerData \/ PeerWindowAdjust \/ PeerClose
    \/ PeerKexInit \/ PeerKexDh \/ PeerFault

-----------------------------------------------------------------------------

\* The connection has ended: DISCONNECT is out and nothing is left to send.
\* An explicit terminal state, so that any other halt is a deadlock.
Done ==
    /\ disconnect = "queued"
    /\ wire = << >>
    /\ UNCHANGED vars

Init ==
    /\ held = << >>
    /\ wire = << >>
    /\ sentBytes = 0
    /\ seqNext = 0
    /\ strict \in StrictModes
    /\ kexState = "idle"
    /\ rekeyDue = FALSE
    /\ peerKexInit = FALSE
    /\ peerKexDh = FALSE
    /\ peerWindow = Window
    /\ chanState = "open"
    /\ adjustOwed = FALSE
    /\ pending = << >>
    /\ nextReqId = 0
    /\ disconnect = "none"
    /\ peerSeq = 0
    /\ peerReplyId = 0

Internal == RequestReply \/ WindowAdjust \/ CloseEcho \/ Disconnect
Kex == StartKex \/ KexMessage \/ NewKeys
TransmitSome == \E n \in 1..MaxPkt : Transmit(n)

Next == AppWrite \/ RekeyRequested \/ Internal \/ Kex \/ TransmitSome \/ Receive  \* MUTATED

(***************************************************************************)
(* Fairness.  The driver keeps draining (weak fairness of Transmit).  The  *)
(* engine does not sit on a trigger (weak fairness of each internal step,  *)
(* of answering the peer's KEXINIT and of the KEX steps).  The peer does   *)
(* what the protocol obliges it to, provided we keep reading: it answers   *)
(* our KEXINIT, continues the exchange, and eventually reopens a window it *)
(* has drained.  Those are strongly fair because reading pauses and        *)
(* resumes as the wire fills and drains.  Our own rekeys and the peer's    *)
(* requests, data, CLOSE and faults are optional.                          *)
(***************************************************************************)
Fairness ==
    /\ WF_vars(TransmitSome)
    /\ WF_vars(RequestReply) /\ WF_vars(WindowAdjust) /\ WF_vars(CloseEcho)
    /\ WF_vars(Disconnect)
    /\ WF_vars(peerKexInit /\ StartKex) /\ WF_vars(KexMessage) /\ WF_vars(NewKeys)
    /\ SF_vars(kexState # "idle" /\ PeerKexInit)
    /\ SF_vars(PeerKexDh)
    /\ SF_vars(PeerWindowAdjust)

Spec == Init /\ [][Next]_vars /\ Fairness

-----------------------------------------------------------------------------
(* Safety.                                                                  *)

TypeOK ==
    /\ kexState \in {"idle", "init", "dh"}
    /\ chanState \in {"open", "closing", "closed"}
    /\ disconnect \in {"none", "owed", "queued"}
    /\ seqNext \in 0..(SeqMod - 1) /\ peerSeq \in 0..(SeqMod - 1)
    /\ sentBytes \in 0..MaxPkt
    /\ strict \in BOOLEAN /\ rekeyDue \in BOOLEAN /\ adjustOwed \in BOOLEAN
    /\ peerKexInit \in BOOLEAN /\ peerKexDh \in BOOLEAN

\* The bytes handed out are whole packets plus at most a proper prefix of
\* the head packet, and the head is the packet the peer expects next:
\* nothing was dropped from, or slipped into, the stream it reads.
WholePackets ==
    IF wire = << >>
    THEN sentBytes = 0
    ELSE /\ sentBytes < Head(wire).size
         /\ Head(wire).seq = peerSeq

\* Whenever a trigger for an internal message exists, the step that sends it
\* can be taken now, whatever the wire, the credit or the peer's window.
InternalNeverRefused ==
    disconnect = "none" =>
        /\ pending # << >>          => ENABLED RequestReply
        /\ adjustOwed               => ENABLED WindowAdjust
        /\ chanState = "closing"    => ENABLED CloseEcho
        /\ peerKexInit /\ kexState = "idle" => ENABLED StartKex
        /\ peerKexInit /\ kexState = "init" => ENABLED KexMessage
        /\ peerKexDh /\ kexState = "dh"     => ENABLED NewKeys

InternalDisconnectNeverRefused == disconnect = "owed" => ENABLED Disconnect

\* Between our KEXINIT and our NEWKEYS only what RFC 4253 section 7.1
\* allows is encrypted (every packet on the wire was checked as it entered).
KexQuiet == \A i \in 1..Len(wire) : KexQuietOk(wire[i])

\* Numbers on the wire follow each other, restart only after a strict
\* NEWKEYS, and the next number continues the last packet's.
SeqContiguous ==
    /\ \A i \in 1..(Len(wire) - 1) :
           wire[i + 1].seq = NextSeq(wire[i].seq, wire[i].kind, strict, SeqMod)
    /\ seqNext = IF wire = << >> THEN peerSeq
                 ELSE NextSeq(wire[Len(wire)].seq, wire[Len(wire)].kind, strict, SeqMod)

\* Channel data on the wire never exceeds what the peer's window allowed.
WindowRespected == peerWindow \in 0..Window

\* Replies queued (wire, then held) and still owed answer the requests in
\* the order they arrived.
ReplyOrder ==
    LET replies == SelectSeq(wire \o held, LAMBDA p : p.kind = "reply")
    IN  /\ \A i \in 1..Len(replies) : replies[i].id = (peerReplyId + i - 1) % IdMod
        /\ \A i \in 1..Len(pending) : pending[i] = (peerReplyId + Len(replies) + i - 1) % IdMod

\* The most that internal messages can add on top of a budget the
\* application has just filled: a reply per outstanding request, a window
\* adjust, and our KEXINIT and KEX reply.  Their triggers pile up while input
\* runs and are released together.  A close echo and fresh channel data
\* exclude each other (no writes after the peer's CLOSE), and a DISCONNECT
\* drops what is held.  The bound is tight: with the CI constants (and the
\* others tried) TLC finds a state exactly at it.
Burst == MaxOutstanding + 1 + (MaxPkt + 1)

Bounded == HeldSize + WireBacklog <= HighWater + Burst

\* Input never pauses with nothing left to transmit: that would be a
\* connection that waits forever on itself.
NoStuckState == ~(Paused /\ ~WantsWrite)

-----------------------------------------------------------------------------
(* Liveness, under Fairness.                                               *)

\* The oldest outstanding keep-alive is eventually answered (its reply
\* reaches the peer), unless the connection ends first.
KeepAliveAnswered ==
    \A k \in 0..(IdMod - 1) :
        (Outstanding > 0 /\ peerReplyId = k /\ disconnect = "none")
            ~> (peerReplyId # k \/ disconnect # "none")

KexEnds == kexState # "idle" ~> (kexState = "idle" \/ disconnect # "none")

HeldLeaves == held # << >> ~> held = << >>

\* A writer that finds no credit is eventually woken: credit returns, or the
\* channel or connection closes; provided our own rekey requests (by time or
\* by the application) do not follow each other forever: back-to-back
\* exchanges with no time between them could hold the wire at the high-water
\* mark for ever, which a real clock and application never do.
RekeyRequestsStop == <>[][~RekeyRequested]_vars

WriterWoken ==
    RekeyRequestsStop =>
        ((Credit = 0 /\ chanState = "open" /\ disconnect = "none")
            ~> (Credit > 0 \/ chanState # "open" \/ disconnect # "none"))

=============================================================================
