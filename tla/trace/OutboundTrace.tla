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
(* Why not INSTANCE OutboundQueue: its variables include the peer's side   *)
(* (peerKexInit, pending requests, windows, peerSeq...) and abstract sizes *)
(* in 1..MaxPkt, which the engine's outbound hook does not observe.  So    *)
(* this spec keeps only OutboundQueue's queue variables (held, wire,       *)
(* sentBytes, seqNext, strict, kex state), with real byte sizes, and its    *)
(* actions restate OutboundQueue's Enqueue / EncryptNow / NewKeys /       *)
(* Transmit with the same shared operators from SshMessages.tla            *)
(* (PassesDuringKex, NextSeq, SumSizes).  Two differences in granularity,  *)
(* both forced by the engine's hook: the engine reports the routing        *)
(* decision ("AppWrite"/"Internal") and the encryption ("Encrypt") as two  *)
(* events, and NEWKEYS's encryption, the key switch ("KexEnded") and each *)
(* held message's encryption as separate events; the spec requires them   *)
(* to follow each other with nothing in between, so together they are     *)
(* one step of the model.  Transmit(n) may span packets (one transmit()   *)
(* call), i.e. several of the model's Transmit steps.                      *)
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
    encOwed      \* kind routed to the wire whose "Encrypt" event must come next, or "none"

vars == << i, held, wire, sentBytes, seqNext, strict, firstKex, kexActive, encOwed >>

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
Step(name, A) == i <= Len(Trace) /\ Ev.e = name /\ A /\ Observed /\ i' = i + 1

-----------------------------------------------------------------------------

\* Our identification line: raw bytes ahead of every packet.
Ident == Step("Ident",
    /\ wire = << >> /\ seqNext = 0 /\ ~kexActive
    /\ wire' = << [kind |-> "ident", seq |-> -1, size |-> Ev.n] >>
    /\ UNCHANGED << held, sentBytes, seqNext, strict, firstKex, kexActive, encOwed >>)

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
    /\ UNCHANGED << wire, sentBytes, seqNext, strict, firstKex, kexActive >>

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
               /\ wire' = Append(wire, [kind |-> k, seq |-> seqNext, size |-> Ev.size])
               /\ seqNext' = (seqNext + 1) % SeqMod
               /\ held' = IF fromHeld THEN Tail(held) ELSE held
               /\ encOwed' = "none"
        /\ UNCHANGED << sentBytes, strict, firstKex, kexActive >>)

\* Our KEXINIT is about to be queued: KEX quiet from now on.
KexStarted == Step("KexStarted",
    /\ Settled /\ ~kexActive
    /\ kexActive' = TRUE
    /\ UNCHANGED << held, wire, sentBytes, seqNext, strict, firstKex, encOwed >>)

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
    /\ UNCHANGED << held, wire, sentBytes, strict, encOwed >>)

\* The driver took n bytes: whole packets from the front plus at most a
\* prefix of the next; nothing is skipped or dropped.
RECURSIVE Drain(_, _, _)
Drain(w, s, n) ==
    IF n = 0 THEN << w, s >>
    ELSE IF n >= Head(w).size - s THEN Drain(Tail(w), 0, n - (Head(w).size - s))
    ELSE << w, s + n >>

Transmit == Step("Transmit",
    /\ Settled
    /\ Ev.n \in 1..WireBacklog(wire, sentBytes)
    /\ LET r == Drain(wire, sentBytes, Ev.n)
       IN  /\ wire' = r[1]
           /\ sentBytes' = r[2]
    /\ UNCHANGED << held, seqNext, strict, firstKex, kexActive, encOwed >>)

\* Input paused or resumed.  It pauses only with something left to
\* transmit (OutboundQueue's NoStuckState).
Pause == Step("Pause",
    /\ Settled
    /\ Ev.paused => WireBacklog(wire, sentBytes) > 0
    /\ UNCHANGED << held, wire, sentBytes, seqNext, strict, firstKex, kexActive, encOwed >>)

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

Next == Ident \/ AppWrite \/ Internal \/ Encrypt \/ KexStarted \/ KexEnded \/ Transmit \/ Pause

\* Violated exactly when a behaviour has explained every event.
NotDone == i <= Len(Trace)

=============================================================================
