package io.sanssh.modeltests.interop.support;

import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshPublicKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.OptionalFeature;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.helpers.AbstractFactoryManager;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.DHFactory;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;

/**
 * Apache MINA SSHD (test dependency, 2.20.0) as an in-process peer: which algorithms it
 * implements here ({@code Builtin*.VALUES} that report {@code isSupported()}: some depend on
 * Bouncy Castle being present), a server and a client restricted to one algorithm per category
 * through MINA's own factory lists ({@code setKeyExchangeFactories} with {@code DH2KEX}, {@code
 * setCipherFactories}, {@code setMacFactories}, {@code setSignatureFactories}), host keys of every
 * type made once by MINA's {@code KeyUtils}, and a listener that records what MINA negotiated and
 * any session exception, for assertions and failure messages.
 */
public final class MinaPeers {
    /** The password MINA's server accepts, and MINA's client offers. */
    public static final String PASSWORD = "interop-password";

    private MinaPeers() {
    }

    private static final class Keys {
        static final List<KeyPair> ALL = generate();

        private static List<KeyPair> generate() {
            try {
                return List.of(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256),
                        KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256),
                        KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP384, 384),
                        KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP521, 521),
                        KeyUtils.generateKeyPair(KeyPairProvider.SSH_RSA, 3072));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("MINA cannot generate host keys", e);
            }
        }
    }

    /** MINA's host key pairs (Ed25519, ECDSA P-256/384/521, RSA 3072), made once per JVM. */
    public static List<KeyPair> hostKeyPairs() {
        return Keys.ALL;
    }

    /** A MINA public key as a Sanssh key, via the OpenSSH one-line form both sides print and parse. */
    public static SshPublicKey toSansshKey(PublicKey key) {
        return PublicKeys.parseOpenSshLine(PublicKeyEntry.toString(key));
    }

    /** A verifier for Sanssh's client that trusts exactly MINA's host keys. */
    public static PinnedHostKeyVerifier hostKeyVerifier() {
        List<SshPublicKey> keys = new ArrayList<>();
        for (KeyPair k : hostKeyPairs()) {
            keys.add(toSansshKey(k.getPublic()));
        }
        return new PinnedHostKeyVerifier(keys);
    }

    /** The names MINA implements in {@code category} on this JVM. */
    public static List<String> supported(AlgorithmCategory category) {
        List<String> names = new ArrayList<>();
        for (Object f : builtins(category)) {
            if (((OptionalFeature) f).isSupported()) {
                names.add(((NamedResource) f).getName());
            }
        }
        return List.copyOf(names);
    }

    private static List<?> builtins(AlgorithmCategory category) {
        return switch (category) {
            case KEX -> new ArrayList<>(BuiltinDHFactories.VALUES);
            case CIPHER -> new ArrayList<>(BuiltinCiphers.VALUES);
            case MAC -> new ArrayList<>(BuiltinMacs.VALUES);
            case HOST_KEY -> new ArrayList<>(BuiltinSignatures.VALUES);
        };
    }

    /**
     * Makes {@code manager} (a MINA server or client) offer only {@code name} in {@code category};
     * MAC cases also pin the cipher to {@link AlgorithmCategory#MAC_CARRIER_CIPHER}.
     */
    public static void restrict(AbstractFactoryManager manager, boolean server, AlgorithmCategory category,
                                String name) {
        switch (category) {
            case KEX -> {
                DHFactory dh = BuiltinDHFactories.fromFactoryName(name);
                manager.setKeyExchangeFactories(List.of((server ? ServerBuilder.DH2KEX : ClientBuilder.DH2KEX).apply(dh)));
            }
            case CIPHER -> manager.setCipherFactories(List.<NamedFactory<Cipher>>of(BuiltinCiphers.fromFactoryName(name)));
            case MAC -> {
                manager.setCipherFactories(List.<NamedFactory<Cipher>>of(
                        BuiltinCiphers.fromFactoryName(AlgorithmCategory.MAC_CARRIER_CIPHER)));
                manager.setMacFactories(List.<NamedFactory<Mac>>of(BuiltinMacs.fromFactoryName(name)));
            }
            case HOST_KEY -> manager.setSignatureFactories(
                    List.<NamedFactory<Signature>>of(BuiltinSignatures.fromFactoryName(name)));
        }
    }

    /**
     * A started MINA server on 127.0.0.1 and a free port, offering only {@code name} in {@code
     * category}, with every host key type and a password authenticator. The caller stops it.
     */
    public static SshServer startServer(AlgorithmCategory category, String name, Recorder recorder) {
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKeyPairs()));
        sshd.setPasswordAuthenticator((user, password, session) -> PASSWORD.equals(password));
        restrict(sshd, true, category, name);
        sshd.addSessionListener(recorder);
        try {
            sshd.start();
        } catch (IOException e) {
            throw new UncheckedIOException("MINA server did not start", e);
        }
        return sshd;
    }

    /** A started MINA client offering only {@code name} in {@code category}. The caller stops it. */
    public static SshClient startClient(AlgorithmCategory category, String name, Recorder recorder) {
        SshClient client = SshClient.setUpDefaultClient();
        restrict(client, false, category, name);
        client.addSessionListener(recorder);
        client.start();
        return client;
    }

    /** Stops a MINA server or client, immediately, ignoring errors (for finally blocks). */
    public static void stopQuietly(AutoCloseable peer) {
        if (peer == null) {
            return;
        }
        try {
            if (peer instanceof SshServer s) {
                s.stop(true);
            } else if (peer instanceof SshClient c) {
                c.stop();
            } else {
                peer.close();
            }
        } catch (Exception ignored) {
            // the peer is going away anyway
        }
    }

    /**
     * A MINA session listener that records what MINA negotiated and any exception or
     * disconnect it saw: thread-safe, since MINA calls it from its own threads.
     */
    public static final class Recorder implements SessionListener {
        private final Map<KexProposalOption, String> negotiated = new ConcurrentHashMap<>();
        private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void sessionNegotiationEnd(Session session, Map<KexProposalOption, String> clientProposal,
                                          Map<KexProposalOption, String> serverProposal,
                                          Map<KexProposalOption, String> negotiatedOptions, Throwable reason) {
            if (negotiatedOptions != null) {
                negotiated.putAll(negotiatedOptions);
            }
            if (reason != null) {
                notes.add("negotiation failed: " + reason);
            }
        }

        @Override
        public void sessionException(Session session, Throwable t) {
            notes.add("exception: " + t);
        }

        @Override
        public void sessionDisconnect(Session session, int reason, String msg, String language, boolean initiator) {
            notes.add("disconnect " + reason + " '" + msg + "' " + (initiator ? "by MINA" : "by the peer"));
        }

        /** The option MINA negotiated, or null. */
        public String negotiated(KexProposalOption option) {
            return negotiated.get(option);
        }

        /** MINA's view of {@code category}, formatted like {@link AlgorithmCategory#negotiated}. */
        public String negotiated(AlgorithmCategory category) {
            return switch (category) {
                case KEX -> negotiated(KexProposalOption.ALGORITHMS);
                case HOST_KEY -> negotiated(KexProposalOption.SERVERKEYS);
                case CIPHER -> both(negotiated(KexProposalOption.C2SENC), negotiated(KexProposalOption.S2CENC));
                case MAC -> both(negotiated(KexProposalOption.C2SMAC), negotiated(KexProposalOption.S2CMAC));
            };
        }

        private static String both(String c2s, String s2c) {
            return c2s != null && c2s.equals(s2c) ? c2s : c2s + "|" + s2c;
        }

        /** Everything noted, for failure messages. */
        public String describe() {
            synchronized (notes) {
                return "MINA negotiated " + negotiated + "; events " + notes;
            }
        }
    }
}
