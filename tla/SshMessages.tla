----------------------------- MODULE SshMessages -----------------------------
(***************************************************************************)
(* Definitions shared by the outbound models: which message kinds exist,   *)
(* which of them may be encrypted while our key exchange runs (RFC 4253    *)
(* section 7.1), and how the sequence number advances.  The engine keeps   *)
(* exactly one copy of each of these rules, in one table, so the models    *)
(* keep one copy too.                                                       *)
(*                                                                          *)
(* Kinds are strings, not SSH message numbers, because the models only     *)
(* care about the class a message belongs to.  The numbers, for the        *)
(* reader mapping them to the engine:                                       *)
(*   kexinit 20, newkeys 21, kexdh 30-49 (any method's messages),           *)
(*   disconnect 1, ignore 2, unimplemented 3, debug 4,                      *)
(*   service_request 5, ext_info 7, userauth 50-79,                         *)
(*   global_reply 81/82 ("reply"), channel messages 90-100 ("data",         *)
(*   "adjust", "eof", "close", "chreply", ...).                             *)
(***************************************************************************)
EXTENDS Naturals, Sequences

\* Messages that make up a key exchange.  Always encrypted at once: the
\* exchange cannot finish without them, so they never wait behind anything.
KexKinds == {"kexinit", "kexdh", "newkeys"}

\* Transport-layer chatter that RFC 4253 section 7.1 allows between KEXINIT
\* and NEWKEYS.  Strict KEX (kex-strict-*-v00@openssh.com) forbids it
\* during the initial exchange, because an attacker who can inject or drop
\* such packets there can shift sequence numbers unnoticed (Terrapin).
KexChatterKinds == {"ignore", "debug", "unimplemented"}

(***************************************************************************)
(* May a message of this kind be encrypted while our key exchange runs?    *)
(* strictInitial is TRUE during the first exchange of a strict-KEX         *)
(* connection.  DISCONNECT is always allowed: it is the last packet of the *)
(* connection, every peer processes it in any state, and holding it back   *)
(* behind a key exchange that will never finish would lose it.  Anything   *)
(* else waits in the plaintext `held` queue until our NEWKEYS.             *)
(***************************************************************************)
PassesDuringKex(kind, strictInitial) ==
    \/ kind \in KexKinds
    \/ kind = "disconnect"
    \/ kind \in KexChatterKinds /\ ~strictInitial

(***************************************************************************)
(* The sequence number of the packet that follows a packet of this kind.   *)
(* Numbers count every packet and wrap (RFC 4253 section 6.4; SeqMod       *)
(* stands for 2^32).  Under strict KEX the number restarts at 0 after      *)
(* every NEWKEYS, not only the first.                                       *)
(***************************************************************************)
NextSeq(seq, kind, strict, seqMod) ==
    IF strict /\ kind = "newkeys" THEN 0 ELSE (seq + 1) % seqMod

\* The regime a packet was encrypted under, recorded on each wire packet so
\* the invariants can judge it after the fact: "normal", "kex" (our KEX
\* runs), or "strictInitialKex" (the first exchange of a strict connection).
KexQuietOk(packet) ==
    packet.regime = "normal"
    \/ PassesDuringKex(packet.kind, packet.regime = "strictInitialKex")

Min(a, b) == IF a < b THEN a ELSE b

RECURSIVE SumSizes(_)
\* Units occupied by a queue of records that carry a size.
SumSizes(q) == IF q = << >> THEN 0 ELSE Head(q).size + SumSizes(Tail(q))

=============================================================================
