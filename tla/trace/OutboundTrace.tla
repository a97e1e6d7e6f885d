--------------------------- MODULE OutboundTrace ---------------------------
(***************************************************************************)
(* Trace validation of the engine's outbound queue against the rules of    *)
(* OutboundQueue.tla.                                                       *)
(*                                                                          *)
(* `Trace` is a sequence of events recorded by the engine's OutboundTrace   *)
(* hook (model-tests, TraceRecorder); each event carries the queue's        *)
(* observed state after it: held count, wire packet count, unsent wire     *)
(* bytes, seqNext, kex flag.  A behaviour of this spec consumes the trace  *)
(* one event per step, and every step compares the state it computes with *)
(* the observed one.  TLC checks `NotDone`: a violation (exit 12) means    *)
(* some behaviour consumed the whole trace, so the trace is VALID; no      *)
(* violation (exit 0) means none could: INVALID.                           *)
(*                                                                          *)
(* Refinement of OutboundQueue.  The spec INSTANCEs OutboundQueue (as Q)  *)
(* under a refinement mapping (below; tla/trace/README.md has the table),  *)
(* and every step is a step of Q or a stuttering step of Q on the mapped   *)
(* state: KEXINIT, our KEX message and the NEWKEYS sequence (NEWKEYS,      *)
(* KexEnded, the release of held messages) are Q's StartKex, KexMessage    *)
(* and NewKeys; a Transmit event is one Q!Transmit per packet piece; the   *)
(* peer's KEX messages are hidden steps, Q's PeerKexInit and PeerKexDh;    *)
(* other encryptions are Q's EncryptNow and held messages Q's Enqueue;     *)
(* Ident, routing to the wire and Pause stutter.  The one step outside     *)
(* Q's Next: our own KEX trigger other than data volume (KexStarted).     *)
(* After every step Q's TypeOK, WholePackets, SeqContiguous and KexQuiet   *)
(* hold on the mapped state.  A step that breaks any of this cannot be     *)
(* taken, so a trace with it is not consumed: INVALID.                     *)
(***************************************************************************)
EXTENDS Integers, Sequences, SshMessages

CONSTANTS
    Trace,     \* the recorded events
    SeqMod,    \* sequence numbers wrap here (2^32 in SSH; any bound above the trace's numbers)
    HighWater  \* the engine's high-water mark in bytes (TransportConfig.highWaterBytes)

VARIABLES
    i,           \* index of the next event of Trace to explain
    held,        \* plaintext FIFO of [kind, size] held during our KEX (size: a prophecy, tla/trace/README.md)
    wire,        \* ciphertext FIFO of [kind, seq, size, ...]; the identification line is kind "ident"
    sentBytes,   \* bytes of Head(wire) already transmitted
    seqNext,     \* sequence number of the next encrypted packet
    strict,      \* strict KEX (chosen in Init; KexEnded reports whether numbering restarted)
    firstKex,    \* the initial exchange has not ended yet
    kexActive,   \* our KEX runs: between our KEXINIT and our NEWKEYS (the engine's flag)
    encOwed,     \* kind routed to the wire whose "Encrypt" event must come next, or "none"
    peerSeq,     \* the sequence number the peer expects on the next packet it completes
    kexPhase,    \* Q's kexState: "idle", "init" (our KEXINIT encrypted), "dh" (our KEX message encrypted)
    window,      \* packets encrypted since our NEWKEYS (inclusive) while its flush is unfinished; 0 = none
    pKexInit,    \* hidden: Q's peerKexInit (the peer's KEXINIT of this exchange was read)
    pKexDh,      \* hidden: Q's peerKexDh (the peer's KEX message of this exchange was read)
    rekeyDue,    \* hidden: Q's rekeyDue (our own rekey trigger)
    peerReplyId, \* history: replies the peer has received, mod Q's IdMod
    txDone       \* bytes of the current "Transmit" event already explained by Q!Transmit steps

vars == << i, held, wire, sentBytes, seqNext, strict, firstKex, kexActive, encOwed, peerSeq,
           kexPhase, window, pKexInit, pKexDh, rekeyDue, peerReplyId, txDone >>

-----------------------------------------------------------------------------
(* The refinement mapping to OutboundQueue.                                 *)

\* Q's packet sizes are units.  Channel and transport packets keep their byte
\* size; Q fixes its KEX packets' sizes (KEXINIT MaxPkt, the others 1), so a
\* KEX packet maps to that many units and is sent, in Q, when its last byte is.
QMaxPkt == 1000000

QSize(p) == IF p.kind = "kexinit" THEN QMaxPkt
            ELSE IF p.kind \in {"kexdh", "newkeys"} THEN 1 ELSE p.size

QPkt(p) == [kind |-> p.kind, size |-> QSize(p), id |-> 0, seq |-> p.seq,
            regime |-> IF p.regime = "normal" THEN "normal" ELSE "kex"]

NotIdent(p) == p.kind # "ident"

W == SelectSeq(wire, NotIdent)

\* Between our NEWKEYS's encryption and the end of the flush of held
\* messages (window > 0) the engine is inside one step of Q (NewKeys): the
\* mapping shows Q's state before it, the packets encrypted since NEWKEYS
\* still as held messages.
QWire == [k \in 1..(Len(W) - window) |-> QPkt(W[k])]

QHeld == [k \in 1..(IF window > 0 THEN window - 1 ELSE 0) |->
              [kind |-> W[Len(W) - window + 1 + k].kind, size |-> W[Len(W) - window + 1 + k].size, id |-> 0]]
         \o [k \in 1..Len(held) |-> [kind |-> held[k].kind, size |-> held[k].size, id |-> 0]]

QSentBytes == IF QWire = << >> \/ Head(wire).kind = "ident" \/ Head(wire).kind \in KexKinds
              THEN 0 ELSE sentBytes

QSeqNext == IF window > 0 THEN W[Len(W) - window + 1].seq ELSE seqNext

QKexState == IF window > 0 THEN "dh" ELSE kexPhase

\* Q's channel and peer-request variables are not observable through the
\* outbound hook: they map to the values of Q's initial state, written as
\* state functions (TLC evaluates UNCHANGED only over expressions of variables).
Fixed(x) == IF i = i THEN x ELSE x

Q == INSTANCE OutboundQueue WITH
        MaxPkt <- QMaxPkt, HighWater <- 1000 * QMaxPkt, Window <- 1, MaxOutstanding <- 1,
        StrictModes <- BOOLEAN,
        held <- QHeld, wire <- QWire, sentBytes <- QSentBytes, seqNext <- QSeqNext,
        kexState <- QKexState, rekeyDue <- rekeyDue, peerKexInit <- pKexInit,
        peerKexDh <- pKexDh, peerWindow <- Fixed(1), chanState <- Fixed("open"),
        adjustOwed <- Fixed(FALSE), pending <- Fixed(<< >>), nextReqId <- Fixed(0),
        disconnect <- Fixed("none"), peerReplyId <- peerReplyId

\* Every mapped variable; a step that leaves them unchanged is a stuttering step of Q.
QVars == << QHeld, QWire, QSentBytes, QSeqNext, strict, QKexState, rekeyDue, pKexInit, pKexDh,
            peerSeq, peerReplyId >>
QStutter == UNCHANGED QVars
\* The mapped variables an EncryptNow / Enqueue step leaves alone.
QRest == << QSentBytes, strict, QKexState, rekeyDue, pKexInit, pKexDh, peerSeq, peerReplyId >>

ModelOk == Q!TypeOK /\ Q!WholePackets /\ Q!SeqContiguous /\ Q!KexQuiet

Regime == IF ~kexActive THEN "normal" ELSE IF strict /\ firstKex THEN "strictInitialKex" ELSE "kex"
QRegime == IF Regime = "normal" THEN "normal" ELSE "kex"

Ev == Trace[i]

WireBacklog(w, s) == SumSizes(w) - s

\* The observed variables after the event equal the spec's projection.
Observed ==
    /\ Ev.held = Len(held')
    /\ Ev.wire = Len(wire')
    /\ Ev.bytes = WireBacklog(wire', sentBytes')
    /\ Ev.seqNext = seqNext'
    /\ Ev.kex = kexActive'

\* Between two of Q's steps: nothing held outside our KEX, no encryption owed,
\* NEWKEYS's flush finished, no transmit half explained.
Settled == encOwed = "none" /\ (held # << >> => kexActive) /\ window = 0 /\ txDone = 0

StrictInitial == strict /\ firstKex

\* One event: the action explains it, and the state it leads to is the one observed.
Step(name, A) ==
    /\ i <= Len(Trace) /\ Ev.e = name /\ txDone = 0 /\ i' = i + 1 /\ UNCHANGED txDone
    /\ A /\ Observed /\ ModelOk'

Hidden == << kexPhase, window, pKexInit, pKexDh, rekeyDue, peerReplyId >>

-----------------------------------------------------------------------------

\* Our identification line: raw bytes ahead of every packet.  Not a packet: Q stutters.
Ident == Step("Ident",
    /\ wire = << >> /\ seqNext = 0 /\ ~kexActive
    /\ wire' = << [kind |-> "ident", seq |-> -1, size |-> Ev.n, id |-> 0, regime |-> "normal"] >>
    /\ UNCHANGED << held, sentBytes, seqNext, strict, firstKex, kexActive, encOwed, peerSeq >>
    /\ UNCHANGED Hidden
    /\ QStutter)

\* OutboundQueue's Enqueue: the one routing decision.  Encrypt now (the
\* "Encrypt" event must follow; Q stutters until then), or, during our KEX
\* for what section 7.1 forbids, hold: Q's Enqueue (its hold branch).  The
\* one exception is KexGating's rule, not Q's: IGNORE/DEBUG held during a
\* strict initial exchange.  EXT_INFO is queued right after our NEWKEYS
\* (RFC 8308 section 2.4); nothing is held then in the initial exchange.
Route ==
    /\ encOwed = "none"
    /\ kexActive \/ held = << >> \/ (Ev.kind = "ext_info" /\ i > 1 /\ Trace[i - 1].e = "KexEnded")
    /\ IF kexActive /\ ~PassesDuringKex(Ev.kind, StrictInitial)
       THEN /\ held' = Append(held, [kind |-> Ev.kind, size |-> Ev.size])
            /\ UNCHANGED encOwed
       ELSE /\ encOwed' = Ev.kind
            /\ UNCHANGED held
    /\ UNCHANGED << wire, sentBytes, seqNext, strict, firstKex, kexActive, peerSeq >>
    /\ UNCHANGED Hidden
    \* Q's view (checked once every variable of this spec is assigned):
    /\ IF held' = held THEN QStutter
       ELSE IF PassesDuringKex(Ev.kind, FALSE) THEN TRUE
       ELSE Q!Enqueue(Q!Msg(Ev.kind, Ev.size, 0)) /\ UNCHANGED QRest

\* Application messages.  Channel data is limited by Credit, which is 0
\* while our KEX runs (OutboundQueue's Credit; mutant DataDuringKex).
AppWrite == Step("AppWrite", (Ev.kind = "data" => ~kexActive) /\ Route)

\* Messages the engine makes itself (KEX, replies, adjusts...).
Internal == Step("Internal", Route)

\* Encryption of the routed message, or, after our NEWKEYS, of the head of
\* held (FIFO release).  The sequence number is seqNext; KEX quiet holds.
\* Which step of Q it is:
\*   KEXINIT                  Q!StartKex
\*   our KEX message          Q!KexMessage
\*   NEWKEYS, held released   stuttering, except the last of the sequence
\*                            (KexEnded or the last held message): Q!NewKeys
\*   anything else            Q!EncryptNow (Q's Enqueue, encrypt branch)
Encrypt == Step("Encrypt",
    LET fromHeld == encOwed = "none"
    IN  /\ fromHeld => (~kexActive /\ held # << >>)
        /\ LET k == IF fromHeld THEN Head(held).kind ELSE encOwed
           IN  /\ Ev.kind = k
               /\ Ev.seq = seqNext
               /\ fromHeld => Ev.size = Head(held).size
               /\ kexActive => PassesDuringKex(k, StrictInitial)
               /\ wire' = Append(wire, [kind |-> k, size |-> Ev.size, id |-> 0, seq |-> seqNext,
                                        regime |-> Regime])
               /\ seqNext' = (seqNext + 1) % SeqMod
               /\ held' = IF fromHeld THEN Tail(held) ELSE held
               /\ encOwed' = "none"
               /\ UNCHANGED << sentBytes, strict, firstKex, kexActive, peerSeq >>
               /\ CASE k = "kexinit" ->
                         /\ kexPhase = "idle" /\ kexActive
                         /\ kexPhase' = "init" /\ rekeyDue' = FALSE
                         /\ UNCHANGED << window, pKexInit, pKexDh, peerReplyId >>
                         /\ Q!StartKex
                    [] k = "kexdh" ->
                         /\ kexPhase = "init"
                         /\ kexPhase' = "dh"
                         /\ UNCHANGED << window, pKexInit, pKexDh, rekeyDue, peerReplyId >>
                         /\ Q!KexMessage
                    [] k = "newkeys" ->
                         /\ kexPhase = "dh"
                         /\ window' = 1
                         /\ UNCHANGED << kexPhase, pKexInit, pKexDh, rekeyDue, peerReplyId >>
                         /\ QStutter
                    [] fromHeld /\ Len(held) = 1 ->
                         /\ window' = 0 /\ pKexInit' = FALSE /\ pKexDh' = FALSE
                         /\ UNCHANGED << kexPhase, rekeyDue, peerReplyId >>
                         /\ Q!NewKeys
                    [] fromHeld ->
                         /\ window' = window + 1
                         /\ UNCHANGED << kexPhase, pKexInit, pKexDh, rekeyDue, peerReplyId >>
                         /\ QStutter
                    [] OTHER ->
                         /\ window = 0
                         /\ UNCHANGED Hidden
                         /\ Q!EncryptNow(Q!Msg(k, Ev.size, 0), QRegime)
                         /\ UNCHANGED QHeld /\ UNCHANGED QRest)

\* Our KEXINIT is about to be queued: KEX quiet from now on.  Q stutters if
\* the peer's KEXINIT was read (it triggers Q's StartKex); otherwise our
\* own trigger is due: Q's rekeyDue becomes TRUE.  In Q only AppWrite sets
\* it (the volume limit); the engine also rekeys at connection start, on
\* the application's request and by time: the one step here that is not a
\* step of Q's Next.
KexStarted == Step("KexStarted",
    /\ Settled /\ ~kexActive /\ kexPhase = "idle"
    /\ kexActive' = TRUE
    /\ IF pKexInit THEN UNCHANGED rekeyDue ELSE rekeyDue' = TRUE
    /\ UNCHANGED << held, wire, sentBytes, seqNext, strict, firstKex, encOwed, peerSeq >>
    /\ UNCHANGED << kexPhase, window, pKexInit, pKexDh, peerReplyId >>)

\* Right after NEWKEYS was encrypted: the new keys take over, numbering
\* restarts under strict KEX (NextSeq after "newkeys"), held is released
\* by the "Encrypt" events that must follow (see Settled).  With nothing
\* held this completes Q!NewKeys; otherwise Q stutters until the last one.
KexEnded == Step("KexEnded",
    /\ kexActive /\ encOwed = "none" /\ window = 1
    /\ wire[Len(wire)].kind = "newkeys"
    /\ seqNext = (wire[Len(wire)].seq + 1) % SeqMod
    /\ Ev.reset = strict
    /\ seqNext' = NextSeq(wire[Len(wire)].seq, "newkeys", strict, SeqMod)
    /\ kexActive' = FALSE
    /\ firstKex' = FALSE
    /\ kexPhase' = "idle"
    /\ IF held = << >>
       THEN /\ window' = 0 /\ pKexInit' = FALSE /\ pKexDh' = FALSE
       ELSE /\ UNCHANGED << window, pKexInit, pKexDh >>
    /\ UNCHANGED << held, wire, sentBytes, strict, encOwed, peerSeq, rekeyDue, peerReplyId >>
    /\ IF held = << >> THEN Q!NewKeys ELSE QStutter)

\* The driver took n bytes in one call: whole packets from the front plus
\* at most a prefix of the next; nothing is skipped or dropped.  Each piece
\* within one packet is one step of this spec and one Q!Transmit(k) (or a
\* Q stutter: bytes of the identification line, or of a KEX packet before
\* its last byte); the observed state is compared after the last piece.
TransmitPiece ==
    /\ i <= Len(Trace) /\ Ev.e = "Transmit"
    /\ encOwed = "none" /\ (held # << >> => kexActive) /\ window = 0
    /\ txDone = 0 => Ev.n \in 1..WireBacklog(wire, sentBytes)
    /\ LET h == Head(wire)
           k == IF Ev.n - txDone < h.size - sentBytes THEN Ev.n - txDone ELSE h.size - sentBytes
           whole == sentBytes + k = h.size
       IN  /\ IF whole
              THEN /\ wire' = Tail(wire) /\ sentBytes' = 0
                   /\ peerSeq' = IF h.kind = "ident" THEN peerSeq
                                 ELSE NextSeq(peerSeq, h.kind, strict, SeqMod)
                   /\ peerReplyId' = IF h.kind = "reply" THEN (peerReplyId + 1) % 2 ELSE peerReplyId
              ELSE /\ sentBytes' = sentBytes + k
                   /\ UNCHANGED << wire, peerSeq, peerReplyId >>
           /\ IF txDone + k = Ev.n
              THEN /\ i' = i + 1 /\ txDone' = 0
              ELSE /\ i' = i /\ txDone' = txDone + k
           /\ UNCHANGED << held, seqNext, strict, firstKex, kexActive, encOwed, kexPhase, window,
                           pKexInit, pKexDh, rekeyDue >>
           /\ CASE h.kind = "ident" -> QStutter
                [] h.kind \in KexKinds -> IF whole THEN Q!Transmit(QSize(h)) ELSE QStutter
                [] OTHER -> Q!Transmit(k)
           /\ txDone' = 0 => Observed
    /\ ModelOk'

\* Input paused or resumed: wantsRead is false exactly while the unsent
\* ciphertext (identification line included) is at or above the high-water
\* mark (Q's Paused, in bytes).  Paused and WantsRead are derived in Q: Q stutters.
Pause == Step("Pause",
    /\ Settled
    /\ Ev.paused = (WireBacklog(wire, sentBytes) >= HighWater)
    /\ Ev.paused => WireBacklog(wire, sentBytes) > 0
    /\ UNCHANGED << held, wire, sentBytes, seqNext, strict, firstKex, kexActive, encOwed, peerSeq >>
    /\ UNCHANGED Hidden
    /\ QStutter)

\* Hidden steps: the peer's KEXINIT and KEX message are read between two
\* events.  They consume no event; they are Q's own PeerKexInit / PeerKexDh
\* (which need our KEXINIT to have left the wire entirely before the peer's
\* KEX message can arrive).
PeerKex ==
    /\ i <= Len(Trace) /\ Settled
    /\ UNCHANGED << i, held, wire, sentBytes, seqNext, strict, firstKex, kexActive, encOwed,
                    peerSeq, kexPhase, window, rekeyDue, peerReplyId, txDone >>
    /\ \/ pKexInit' = TRUE /\ UNCHANGED pKexDh /\ Q!PeerKexInit
       \/ pKexDh' = TRUE /\ UNCHANGED pKexInit /\ Q!PeerKexDh

-----------------------------------------------------------------------------

Init ==
    /\ i = 1
    /\ held = << >>
    /\ wire = << >>
    /\ sentBytes = 0
    /\ seqNext = 0
    /\ strict \in BOOLEAN
    /\ firstKex = TRUE
    /\ kexActive = FALSE
    /\ encOwed = "none"
    /\ peerSeq = 0
    /\ kexPhase = "idle"
    /\ window = 0
    /\ pKexInit = FALSE
    /\ pKexDh = FALSE
    /\ rekeyDue = FALSE
    /\ peerReplyId = 0
    /\ txDone = 0
    /\ Q!Init

Next == Ident \/ AppWrite \/ Internal \/ Encrypt \/ KexStarted \/ KexEnded \/ TransmitPiece
        \/ Pause \/ PeerKex

\* Violated exactly when a behaviour has explained every event.
NotDone == i <= Len(Trace)

=============================================================================
