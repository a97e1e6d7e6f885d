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
(* under a refinement mapping: its queue variables map to this spec's      *)
(* (held, the wire without our identification line, sentBytes, seqNext,   *)
(* strict, our KEX, and peerSeq, which advances exactly as Q!Transmit     *)
(* advances it: the number the peer expects next).  Q's peer and channel   *)
(* variables are not observable through the engine's outbound hook; they   *)
(* map to constants of Q's initial state.  Then                            *)
(*   - every Encrypt step is Q's own EncryptNow on the mapped state (for   *)
(*     NEWKEYS only its wire part: the model's NewKeys also restarts the  *)
(*     numbering, which the engine reports as the next event, KexEnded);  *)
(*   - every routing step that holds a message after the first exchange   *)
(*     is Q's own Enqueue (its hold branch);                               *)
(*   - after every step, Q's invariants TypeOK, WholePackets, SeqContiguous*)
(*     and KexQuiet hold on the mapped state (ModelOk), except in the one  *)
(*     state between NEWKEYS's encryption and KexEnded, which the model   *)
(*     does not have.                                                       *)
(* A step that breaks any of these cannot be taken, so a trace with it is *)
(* not consumed: TLC reports no NotDone violation and the trace is         *)
(* INVALID.  Two differences in granularity, both forced by the engine's  *)
(* hook: the engine reports the routing decision ("AppWrite"/"Internal")  *)
(* and the encryption ("Encrypt") as two events, and NEWKEYS's            *)
(* encryption, the key switch ("KexEnded") and each held message's        *)
(* encryption as separate events; the spec requires them to follow each   *)
(* other with nothing in between, so together they are one step of the    *)
(* model.  Transmit(n) may span packets (one transmit() call), i.e.       *)
(* several of the model's Transmit steps.  The initial exchange (before  *)
(* OutboundQueue's starting point, an established connection) is checked *)
(* by this spec's own rules and Q's invariants only; KexGating models it. *)
(***************************************************************************)
EXTENDS Integers, Sequences, SshMessages

CONSTANTS
    Trace,   \* the recorded events
    SeqMod   \* sequence numbers wrap here (2^32 in SSH; any bound above the trace's numbers)

VARIABLES
    i,           \* index of the next event of Trace to explain
    held,        \* plaintext FIFO of message kinds held during our KEX
    wire,        \* ciphertext FIFO of [kind, seq, size]; the identification line is kind "ident"
    sentBytes,   \* bytes of Head(wire) already transmitted
    seqNext,     \* sequence number of the next encrypted packet
    strict,      \* strict KEX (chosen in Init; KexEnded reports whether numbering restarted)
    firstKex,    \* the initial exchange has not ended yet
    kexActive,   \* our KEX runs: between our KEXINIT and our NEWKEYS
    encOwed,     \* kind routed to the wire whose "Encrypt" event must come next, or "none"
    peerSeq      \* the sequence number the peer expects on the next packet it completes

vars == << i, held, wire, sentBytes, seqNext, strict, firstKex, kexActive, encOwed, peerSeq >>

-----------------------------------------------------------------------------
(* The refinement mapping to OutboundQueue.                                 *)

NotIdent(p) == p.kind # "ident"

QWire == SelectSeq(wire, NotIdent)

QSentBytes == IF wire # << >> /\ Head(wire).kind = "ident" THEN 0 ELSE sentBytes

QHeld == [k \in 1..Len(held) |-> [kind |-> held[k], size |-> 1, id |-> 0]]

Q == INSTANCE OutboundQueue WITH
        MaxPkt <- 1000000, HighWater <- 1000000, Window <- 1, MaxOutstanding <- 1,
        StrictModes <- BOOLEAN,
        held <- QHeld, wire <- QWire, sentBytes <- QSentBytes,
        kexState <- IF kexActive THEN "init" ELSE "idle",
        rekeyDue <- FALSE, peerKexInit <- FALSE, peerKexDh <- FALSE, peerWindow <- 1,
        chanState <- "open", adjustOwed <- FALSE, pending <- << >>, nextReqId <- 0,
        disconnect <- "none", peerReplyId <- 0

\* The one state the model does not have: NEWKEYS encrypted, the key switch not yet reported.
MidNewKeys == kexActive /\ QWire # << >> /\ QWire[Len(QWire)].kind = "newkeys"

ModelOk == ~MidNewKeys => (Q!TypeOK /\ Q!WholePackets /\ Q!SeqContiguous /\ Q!KexQuiet)

Regime == IF ~kexActive THEN "normal" ELSE IF strict /\ firstKex THEN "strictInitialKex" ELSE "kex"


Ev == Trace[i]

WireBacklog(w, s) == SumSizes(w) - s

\* The observed variables after the event equal the spec's projection.
Observed ==
    /\ Ev.held = Len(held')
    /\ Ev.wire = Len(wire')
    /\ Ev.bytes = WireBacklog(wire', sentBytes')
    /\ Ev.seqNext = seqNext'
    /\ Ev.kex = kexActive'

\* Held messages exist only while our KEX runs (they leave right behind our
\* NEWKEYS), and no encryption is owed: the state between two model steps.
Settled == encOwed = "none" /\ (held # << >> => kexActive)

StrictInitial == strict /\ firstKex

\* One event: the action explains it, and the state it leads to is the one observed.
Step(name, A) == i <= Len(Trace) /\ Ev.e = name /\ A /\ Observed /\ ModelOk' /\ i' = i + 1

-----------------------------------------------------------------------------

\* Our identification line: raw bytes ahead of every packet.
Ident == Step("Ident",
    /\ wire = << >> /\ seqNext = 0 /\ ~kexActive
    /\ wire' = << [kind |-> "ident", seq |-> -1, size |-> Ev.n, id |-> 0, regime |-> "normal"] >>
    /\ UNCHANGED << held, sentBytes, seqNext, strict, firstKex, kexActive, encOwed, peerSeq >>)

\* OutboundQueue's Enqueue: the one routing decision.  Encrypt now (the
\* "Encrypt" event must follow), or, during our KEX for what section 7.1
\* forbids, hold.  EXT_INFO is queued right after our NEWKEYS, ahead of
\* the held messages (RFC 8308 section 2.4).
Route ==
    /\ encOwed = "none"
    /\ kexActive \/ held = << >> \/ (Ev.kind = "ext_info" /\ i > 1 /\ Trace[i - 1].e = "KexEnded")
    /\ IF kexActive /\ ~PassesDuringKex(Ev.kind, StrictInitial)
       THEN /\ held' = Append(held, Ev.kind)
            /\ UNCHANGED encOwed
       ELSE /\ encOwed' = Ev.kind
            /\ UNCHANGED held
    /\ UNCHANGED << wire, sentBytes, seqNext, strict, firstKex, kexActive, peerSeq >>
    \* A message held after the first exchange: the model's own Enqueue holds it too.
    /\ (held' # held /\ ~firstKex) => Q!Enqueue(Q!Msg(Ev.kind, 1, 0))

\* Application messages.  Channel data is limited by Credit, which is 0
\* while our KEX runs (OutboundQueue's Credit; mutant DataDuringKex).
AppWrite == Step("AppWrite", (Ev.kind = "data" => ~kexActive) /\ Route)

\* Messages the engine makes itself (KEX, replies, adjusts...).
Internal == Step("Internal", Route)

\* EncryptNow: the routed message, or, after our NEWKEYS, the head of
\* held (FIFO release).  The sequence number is seqNext; KEX quiet holds.
Encrypt == Step("Encrypt",
    LET fromHeld == encOwed = "none"
    IN  /\ fromHeld => (~kexActive /\ held # << >>)
        /\ LET k == IF fromHeld THEN Head(held) ELSE encOwed
           IN  /\ Ev.kind = k
               /\ Ev.seq = seqNext
               /\ kexActive => PassesDuringKex(k, StrictInitial)
               /\ wire' = Append(wire, Q!Packet(Q!Msg(k, Ev.size, 0), seqNext, Regime))
               /\ seqNext' = (seqNext + 1) % SeqMod
               /\ held' = IF fromHeld THEN Tail(held) ELSE held
               /\ encOwed' = "none"
               \* the model's own EncryptNow on the mapped state
               /\ IF k = "newkeys"
                  THEN QWire' = Append(QWire, Q!Packet(Q!Msg(k, Ev.size, 0), seqNext, Regime))
                  ELSE Q!EncryptNow(Q!Msg(k, Ev.size, 0), Regime)
        /\ UNCHANGED << sentBytes, strict, firstKex, kexActive, peerSeq >>)

\* Our KEXINIT is about to be queued: KEX quiet from now on.
KexStarted == Step("KexStarted",
    /\ Settled /\ ~kexActive
    /\ kexActive' = TRUE
    /\ UNCHANGED << held, wire, sentBytes, seqNext, strict, firstKex, encOwed, peerSeq >>)

\* Right after NEWKEYS was encrypted: the new keys take over, numbering
\* restarts under strict KEX (NextSeq after "newkeys"), held is released
\* by the "Encrypt" events that must follow (see Settled).
KexEnded == Step("KexEnded",
    /\ kexActive /\ encOwed = "none"
    /\ wire # << >>
    /\ wire[Len(wire)].kind = "newkeys"
    /\ seqNext = (wire[Len(wire)].seq + 1) % SeqMod
    /\ Ev.reset = strict
    /\ seqNext' = NextSeq(wire[Len(wire)].seq, "newkeys", strict, SeqMod)
    /\ kexActive' = FALSE
    /\ firstKex' = FALSE
    /\ UNCHANGED << held, wire, sentBytes, strict, encOwed, peerSeq >>)

\* The driver took n bytes: whole packets from the front plus at most a
\* prefix of the next; nothing is skipped or dropped.
\* Each packet completed advances peerSeq as Q!Transmit does.
RECURSIVE Drain(_, _, _, _)
Drain(w, s, n, p) ==
    IF n = 0 THEN << w, s, p >>
    ELSE IF n >= Head(w).size - s
         THEN Drain(Tail(w), 0, n - (Head(w).size - s),
                    IF Head(w).kind = "ident" THEN p ELSE NextSeq(p, Head(w).kind, strict, SeqMod))
    ELSE << w, s + n, p >>

Transmit == Step("Transmit",
    /\ Settled
    /\ Ev.n \in 1..WireBacklog(wire, sentBytes)
    /\ LET r == Drain(wire, sentBytes, Ev.n, peerSeq)
       IN  /\ wire' = r[1]
           /\ sentBytes' = r[2]
           /\ peerSeq' = r[3]
    /\ UNCHANGED << held, seqNext, strict, firstKex, kexActive, encOwed >>)

\* Input paused or resumed.  It pauses only with something left to
\* transmit (OutboundQueue's NoStuckState).
Pause == Step("Pause",
    /\ Settled
    /\ Ev.paused => WireBacklog(wire, sentBytes) > 0
    /\ UNCHANGED << held, wire, sentBytes, seqNext, strict, firstKex, kexActive, encOwed, peerSeq >>)

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

Next == Ident \/ AppWrite \/ Internal \/ Encrypt \/ KexStarted \/ KexEnded \/ Transmit \/ Pause

\* Violated exactly when a behaviour has explained every event.
NotDone == i <= Len(Trace)

=============================================================================
