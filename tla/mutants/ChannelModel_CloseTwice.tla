\* GENERATED from ../ChannelModel.tla and mutations.txt by MutantGenerator; do not edit.
\* Mutant CloseTwice: The peer's CLOSE is echoed even when our own CLOSE was
\* already sent.
\* TLC must reject it with ChannelModel_CloseTwice.cfg: invariant ChannelOrder violated (exit 12).
\* The changed lines end with "MUTATED".
----------------------------- MODULE ChannelModel_CloseTwice -----------------------------
(***************************************************************************)
(* The channel rules of Sanssh's outbound path, with several channels     *)
(* sharing one connection (RFC 4254 section 5).                             *)
(*                                                                          *)
(* Each channel has its own window, its own EOF/CLOSE lifecycle and its    *)
(* own order of replies to want_reply requests.  What a channel may send:  *)
(*   open --data--> open --EOF--> eof --CLOSE--> closed   (open --CLOSE--> closed) *)
(* and a reply to a request only before CLOSE.  The peer's CLOSE obliges  *)
(* one CLOSE back unless ours was already sent (RFC 4254 section 5.3).     *)
(*                                                                          *)
(* Replies: some requests the engine answers itself (a channel             *)
(* keepalive@openssh.com), others wait for the application (exec, pty-req, *)
(* on a server), which may decide them in any order.  RFC 4254 section 4   *)
(* and 5.4 require replies in request order, so a reply leaves only from   *)
(* the head of the channel's request FIFO: an automatic answer waits       *)
(* behind an earlier request the application has not yet decided.          *)
(*                                                                          *)
(* Bytes, sequence numbers and KEX are OutboundQueue's business.  Every   *)
(* rule here speaks of one channel's messages in wire order, so the model  *)
(* keeps each channel's projection of the wire, wire[c], and the driver    *)
(* transmits the head of any of them: that covers every interleaving of   *)
(* the single real FIFO while keeping the state space small.               *)
(***************************************************************************)
EXTENDS Naturals, Sequences, TLC, SshMessages

CONSTANTS
    Channels,    \* channel ids, e.g. {1, 2}
    Window,      \* each channel's window when fully open, in units
    MaxPkt,      \* a data message carries 1..MaxPkt units
    MaxPending,  \* the peer leaves at most this many requests per channel unanswered
    MaxRequests  \* want_reply requests the peer sends per channel in a behaviour

ASSUME /\ Channels # {}
       /\ Window \in Nat \ {0} /\ MaxPkt \in Nat \ {0} /\ MaxPending \in Nat \ {0}
       /\ MaxRequests \in Nat

VARIABLES
    wire,          \* wire[c]: FIFO of c's outbound messages [kind, size, id] not yet transmitted
    chanState,     \* chanState[c]: what we have sent on c: "open", "eof" (EOF queued), "closed" (CLOSE queued)
    peerClosed,    \* peerClosed[c]: the peer's CLOSE for c has been received
    peerWindow,    \* peerWindow[c]: units of data the peer still accepts on c, as we count it
    requests,      \* requests[c]: FIFO of the peer's want_reply requests on c, [id, ready]
    nextReqId,     \* nextReqId[c]: id the peer's next request on c gets (ids count from 0)
    peerView,      \* the peer: peerView[c] is the channel state its received messages put c in
    peerConsumed,  \* the peer: peerConsumed[c] is data received on c that it has not re-granted
    peerReplyNext  \* the peer: peerReplyNext[c] is the id whose reply it expects next on c

vars == << wire, chanState, peerClosed, peerWindow, requests, nextReqId,
           peerView, peerConsumed, peerReplyNext >>

InFlight(c) == SumSizes(SelectSeq(wire[c], LAMBDA m : m.kind = "data"))

Outstanding(c) == nextReqId[c] - peerReplyNext[c]

\* Channel writes accept nothing once our EOF or CLOSE is queued or the peer
\* has closed (ChannelWritable then never fires again).
Credit(c) == IF chanState[c] = "open" /\ ~peerClosed[c] THEN peerWindow[c] ELSE 0

Send(c, kind, size, id) ==
    wire' = [wire EXCEPT ![c] = Append(@, [kind |-> kind, size |-> size, id |-> id])]

-----------------------------------------------------------------------------
(* The application.                                                        *)

AppWrite(c) ==
    \E size \in 1..Min(MaxPkt, Credit(c)) :
        /\ Send(c, "data", size, 0)
        /\ peerWindow' = [peerWindow EXCEPT ![c] = @ - size]
        /\ UNCHANGED << chanState, peerClosed, requests, nextReqId, peerView,
                        peerConsumed, peerReplyNext >>

AppEof(c) ==
    /\ chanState[c] = "open"
    /\ Send(c, "eof", 1, 0)
    /\ chanState' = [chanState EXCEPT ![c] = "eof"]
    /\ UNCHANGED << peerClosed, peerWindow, requests, nextReqId, peerView, peerConsumed,
                    peerReplyNext >>

\* Our CLOSE ends what we send on c: requests still unanswered get no reply.
CloseChannel(c) ==
    /\ Send(c, "close", 1, 0)
    /\ chanState' = [chanState EXCEPT ![c] = "closed"]
    /\ requests' = [requests EXCEPT ![c] = << >>]

AppClose(c) ==
    /\ chanState[c] \in {"open", "eof"}
    /\ CloseChannel(c)
    /\ UNCHANGED << peerClosed, peerWindow, nextReqId, peerView, peerConsumed, peerReplyNext >>

\* The application decides a request it was asked about, in any order.
AppDecide(c) ==
    \E i \in 1..Len(requests[c]) :
        /\ ~requests[c][i].ready
        /\ requests' = [requests EXCEPT ![c][i].ready = TRUE]
        /\ UNCHANGED << wire, chanState, peerClosed, peerWindow, nextReqId, peerView,
                        peerConsumed, peerReplyNext >>

-----------------------------------------------------------------------------
(* The engine's own messages: never refused.                               *)

CloseEcho(c) ==
    /\ peerClosed[c]  \* MUTATED
    /\ CloseChannel(c)
    /\ UNCHANGED << peerClosed, peerWindow, nextReqId, peerView, peerConsumed, peerReplyNext >>

\* Only the oldest request may be answered, once it is decided.
ChannelRequestReply(c) ==
    /\ chanState[c] # "closed"
    /\ requests[c] # << >>
    /\ Head(requests[c]).ready
    /\ Send(c, "reply", 1, Head(requests[c]).id)
    /\ requests' = [requests EXCEPT ![c] = Tail(@)]
    /\ UNCHANGED << chanState, peerClosed, peerWindow, nextReqId, peerView, peerConsumed,
                    peerReplyNext >>

-----------------------------------------------------------------------------
(* The driver: one whole message reaches the peer, which applies it.       *)

PeerApplies(view, kind) ==
    CASE kind = "eof"   -> "eof"
      [] kind = "close" -> "closed"
      [] OTHER          -> view

Transmit(c) ==
    /\ wire[c] # << >>
    /\ LET m == Head(wire[c]) IN
       /\ wire' = [wire EXCEPT ![c] = Tail(@)]
       /\ peerView' = [peerView EXCEPT ![c] = PeerApplies(@, m.kind)]
       /\ peerConsumed' = [peerConsumed EXCEPT ![c] = IF m.kind = "data" THEN @ + m.size ELSE @]
       /\ peerReplyNext' = [peerReplyNext EXCEPT ![c] = IF m.kind = "reply" THEN @ + 1 ELSE @]
    /\ UNCHANGED << chanState, peerClosed, peerWindow, requests, nextReqId >>

-----------------------------------------------------------------------------
(* Input.  The peer sends nothing on a channel after its CLOSE, nor once   *)
(* it has seen ours.                                                       *)

PeerTalks(c) == ~peerClosed[c] /\ peerView[c] # "closed"

\* A request the engine answers itself arrives ready; others await the
\* application.  After our CLOSE a late request is dropped unanswered.
PeerChannelRequest(c) ==
    /\ PeerTalks(c)
    /\ Outstanding(c) < MaxPending
    /\ nextReqId[c] < MaxRequests
    /\ \E auto \in BOOLEAN :
           requests' = [requests EXCEPT ![c] =
                           IF chanState[c] = "closed" THEN @
                           ELSE Append(@, [id |-> nextReqId[c], ready |-> auto])]
    /\ nextReqId' = [nextReqId EXCEPT ![c] = @ + 1]
    /\ UNCHANGED << wire, chanState, peerClosed, peerWindow, peerView, peerConsumed,
                    peerReplyNext >>

\* The peer re-grants what it has consumed.
PeerWindowAdjust(c) ==
    /\ PeerTalks(c)
    /\ peerConsumed[c] > 0
    /\ peerWindow' = [peerWindow EXCEPT ![c] = @ + peerConsumed[c]]
    /\ peerConsumed' = [peerConsumed EXCEPT ![c] = 0]
    /\ UNCHANGED << wire, chanState, peerClosed, requests, nextReqId, peerView, peerReplyNext >>

PeerClose(c) ==
    /\ ~peerClosed[c]
    /\ peerClosed' = [peerClosed EXCEPT ![c] = TRUE]
    /\ UNCHANGED << wire, chanState, peerWindow, requests, nextReqId, peerView, peerConsumed,
                    peerReplyNext >>

-----------------------------------------------------------------------------

\* Every channel closed both ways and everything sent: a terminal state.
Done ==
    /\ \A c \in Channels : chanState[c] = "closed" /\ peerClosed[c]
    /\ \A c \in Channels : wire[c] = << >>
    /\ UNCHANGED vars

Init ==
    /\ wire = [c \in Channels |-> << >>]
    /\ chanState = [c \in Channels |-> "open"]
    /\ peerClosed = [c \in Channels |-> FALSE]
    /\ peerWindow = [c \in Channels |-> Window]
    /\ requests = [c \in Channels |-> << >>]
    /\ nextReqId = [c \in Channels |-> 0]
    /\ peerView = [c \in Channels |-> "open"]
    /\ peerConsumed = [c \in Channels |-> 0]
    /\ peerReplyNext = [c \in Channels |-> 0]

Next ==
    \/ \E c \in Channels :
           \/ AppWrite(c) \/ AppEof(c) \/ AppClose(c) \/ AppDecide(c)
           \/ CloseEcho(c) \/ ChannelRequestReply(c)
           \/ PeerChannelRequest(c) \/ PeerWindowAdjust(c) \/ PeerClose(c)
           \/ Transmit(c)
    \/ Done

Spec == Init /\ [][Next]_vars

\* Channels are interchangeable: TLC may explore one ordering of them.
ChannelSymmetry == Permutations(Channels)

-----------------------------------------------------------------------------
(* Safety.                                                                  *)

States == {"open", "eof", "closed"}

TypeOK ==
    /\ chanState \in [Channels -> States]
    /\ peerView \in [Channels -> States]
    /\ peerClosed \in [Channels -> BOOLEAN]

\* What a message does to a channel as the peer reads it; "bad" if the
\* message is not allowed in that state.
Step(st, kind) ==
    CASE st = "bad"                              -> "bad"
      [] kind = "data"  /\ st = "open"           -> "open"
      [] kind = "eof"   /\ st = "open"           -> "eof"
      [] kind = "close" /\ st \in {"open", "eof"} -> "closed"
      [] kind = "reply" /\ st # "closed"         -> st
      [] OTHER                                   -> "bad"

RECURSIVE Run(_, _)
Run(st, msgs) == IF msgs = << >> THEN st ELSE Run(Step(st, Head(msgs).kind), Tail(msgs))

\* No data after our EOF, nothing after our CLOSE, CLOSE once: the peer,
\* reading what is still on the wire from where it stands, never meets a
\* message its channel state forbids, and ends where our record says.
ChannelOrder == \A c \in Channels : Run(peerView[c], wire[c]) = chanState[c]

\* Per channel, data sent never exceeds the window the peer granted; the
\* window never goes negative, and no unit of it is lost or invented.
WindowRespected ==
    \A c \in Channels :
        /\ peerWindow[c] >= 0
        /\ peerWindow[c] + InFlight(c) + peerConsumed[c] = Window

\* Per channel, replies on the wire and those still owed follow the order
\* in which the requests arrived.
ReplyOrder ==
    \A c \in Channels :
        LET replies == SelectSeq(wire[c], LAMBDA m : m.kind = "reply")
        IN  /\ \A i \in 1..Len(replies) : replies[i].id = peerReplyNext[c] + i - 1
            /\ \A i \in 1..Len(requests[c]) :
                   requests[c][i].id = peerReplyNext[c] + Len(replies) + i - 1

InternalNeverRefused ==
    \A c \in Channels :
        /\ (peerClosed[c] /\ chanState[c] # "closed") => ENABLED CloseEcho(c)
        /\ (chanState[c] # "closed" /\ requests[c] # << >> /\ Head(requests[c]).ready)
               => ENABLED ChannelRequestReply(c)

=============================================================================
