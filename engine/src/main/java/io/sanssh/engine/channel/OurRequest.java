package io.sanssh.engine.channel;

/**
 * One of our want-reply requests waiting for its reply; replies carry no identifier, so they are
 * matched to these in the order the requests were sent (RFC 4254 §4).
 *
 * @param id the identifier the request call returned
 * @param type the request type or name
 * @param internal whether the layer sent it itself (a keep-alive probe): its reply is not an event
 */
record OurRequest(long id, String type, boolean internal) {
}
