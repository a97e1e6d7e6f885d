------------------------- MODULE OutboundTraceBatch -------------------------
(***************************************************************************)
(* Several recorded traces in one TLC run (one JVM start instead of one    *)
(* per trace): OutboundTrace explains Traces[1], then the queue starts     *)
(* afresh (OutboundTrace's Init) and explains Traces[2], and so on. *)
(* NotDone is violated (exit 12) only when every trace was consumed; if    *)
(* any trace is not a behaviour of OutboundTrace, TLC ends with exit 0 and *)
(* the test checks the traces one by one to name it.                       *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANTS Traces, SeqMod, HighWater

VARIABLES t, i, held, wire, sentBytes, seqNext, strict, firstKex, kexActive, encOwed, peerSeq,
          kexPhase, window, pKexInit, pKexDh, rekeyDue, peerReplyId, txDone

One(k) == INSTANCE OutboundTrace WITH Trace <- Traces[k]

Init == t = 1 /\ One(1)!Init

\* k is a constant (the instance's Trace must be): t = k picks the current trace.
NextTrace ==
    \E k \in 1..(Len(Traces) - 1) :
        /\ t = k
        /\ i > Len(Traces[k])
        /\ t' = k + 1
        \* OutboundTrace's Init, as primed assignments (TLC cannot assign through Init').
        /\ i' = 1 /\ held' = << >> /\ wire' = << >> /\ sentBytes' = 0 /\ seqNext' = 0
        /\ strict' \in BOOLEAN /\ firstKex' = TRUE /\ kexActive' = FALSE /\ encOwed' = "none"
        /\ peerSeq' = 0 /\ kexPhase' = "idle" /\ window' = 0 /\ pKexInit' = FALSE
        /\ pKexDh' = FALSE /\ rekeyDue' = FALSE /\ peerReplyId' = 0 /\ txDone' = 0

Next ==
    \/ \E k \in 1..Len(Traces) : t = k /\ One(k)!Next /\ UNCHANGED t
    \/ NextTrace

NotDone == ~(t = Len(Traces) /\ i > Len(Traces[t]))

=============================================================================
