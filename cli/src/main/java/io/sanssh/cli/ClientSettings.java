package io.sanssh.cli;

import io.sanssh.drivers.api.ClientOptions;
import io.sanssh.drivers.api.Driver;
import io.sanssh.drivers.api.StrictHostKeyChecking;
import io.sanssh.engine.transport.TransportConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The client settings of {@code sanssh exec} and {@code sanssh sftp}, from their flags and
 * {@code -o Key=Value} options (OpenSSH's names and spellings; as in ssh, the first value given
 * for an option wins).
 */
final class ClientSettings {
    Integer port;
    String user;
    final List<Path> identities = new ArrayList<>();
    StrictHostKeyChecking strict;
    Path knownHosts;
    String kex;
    String hostKeyAlgorithms;
    String ciphers;
    String macs;
    Duration serverAliveInterval;
    Integer serverAliveCountMax;
    long rekeyBytes;
    Duration rekeyInterval;
    boolean rekeySet;
    Duration connectTimeout;
    String password;
    String driver;
    Boolean batchMode;
    String hostName;
    String proxyJump;
    /** {@code -F}: the config file, {@code none} for none; {@code null}: ~/.ssh/config if it exists. */
    String configFile;

    /** Keywords of ~/.ssh/config that {@link #option} understands; others in the file are ignored. */
    static final Set<String> CONFIG_KEYWORDS = Set.of("hostname", "port", "user", "userknownhostsfile",
            "stricthostkeychecking", "serveraliveinterval", "serveralivecountmax", "rekeylimit", "ciphers", "macs",
            "kexalgorithms", "hostkeyalgorithms", "proxyjump", "connecttimeout", "batchmode");

    /** The {@code -o} names understood, lowercased, for the error message. */
    static final String KNOWN = "StrictHostKeyChecking, UserKnownHostsFile, IdentityFile, KexAlgorithms, "
            + "HostKeyAlgorithms, Ciphers, MACs, ServerAliveInterval, ServerAliveCountMax, RekeyLimit, "
            + "ConnectTimeout, Port, User, BatchMode, HostName, ProxyJump, Password, Driver";

    /**
     * Takes the options {@code exec} and {@code sftp} share ({@code -F -J -l -i -o}, and
     * {@code -p}); returns false for any other option, which the caller then handles.
     */
    boolean sharedOption(String o, ArgReader r) throws UsageException {
        switch (o) {
            case "-F" -> configFile = r.value(o);
            case "-J" -> option("ProxyJump=" + r.value(o));
            case "-p" -> {
                int p = port(r.value(o));
                port = port == null ? p : port;
            }
            case "-l" -> user = user == null ? r.value(o) : user;
            case "-i" -> identities.add(expand(r.value(o)));
            case "-o" -> option(r.value(o));
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The user to log in as: {@code -l}, User, {@code USER@} of the destination, else the local user. */
    String loginUser() {
        return user != null ? user : System.getProperty("user.name");
    }

    /** The destination's port: {@code -p} or Port, else 22. */
    int portOr22() {
        return port != null ? port : 22;
    }

    /**
     * Splits the destination operand {@code [USER@]HOST}: the user, unless {@code -l} or
     * {@code -o User} already gave one, goes to {@link #user}; returns the host (or alias).
     */
    String destination(String operand) throws UsageException {
        String host = operand;
        int at = host.lastIndexOf('@');
        if (at >= 0) {
            user = user == null ? host.substring(0, at) : user;
            host = host.substring(at + 1);
        }
        if (host.isEmpty()) {
            throw new UsageException("empty host name");
        }
        return host;
    }

    /** Applies one {@code -o} argument: {@code Key=Value} or {@code Key Value}. */
    void option(String arg) throws UsageException {
        String s = arg.strip();
        int eq = s.indexOf('=');
        int sp = s.indexOf(' ');
        int cut = eq < 0 ? sp : (sp < 0 ? eq : Math.min(eq, sp));
        if (cut <= 0) {
            throw new UsageException("-o needs Key=Value, not '" + arg + "'");
        }
        String key = s.substring(0, cut).strip().toLowerCase(Locale.ROOT);
        String value = s.substring(cut + 1).strip();
        if (value.startsWith("=")) {
            value = value.substring(1).strip();
        }
        try {
            switch (key) {
                case "stricthostkeychecking" -> {
                    if (strict == null) {
                        strict = StrictHostKeyChecking.parse(value);
                    }
                }
                case "userknownhostsfile" -> {
                    if (knownHosts == null) {
                        knownHosts = value.equals("none") ? Path.of("/dev/null") : expand(value);
                    }
                }
                case "identityfile" -> identities.add(expand(value));
                case "kexalgorithms" -> kex = kex == null ? value : kex;
                case "hostkeyalgorithms" -> hostKeyAlgorithms = hostKeyAlgorithms == null ? value : hostKeyAlgorithms;
                case "ciphers" -> ciphers = ciphers == null ? value : ciphers;
                case "macs" -> macs = macs == null ? value : macs;
                case "serveraliveinterval" -> {
                    if (serverAliveInterval == null) {
                        serverAliveInterval = seconds(value, key);
                    }
                }
                case "serveralivecountmax" -> {
                    if (serverAliveCountMax == null) {
                        serverAliveCountMax = positiveInt(value, "ServerAliveCountMax");
                    }
                }
                case "rekeylimit" -> {
                    if (!rekeySet) {
                        rekeyLimit(value);
                    }
                }
                case "connecttimeout" -> {
                    if (connectTimeout == null) {
                        connectTimeout = seconds(value, key);
                    }
                }
                case "port" -> {
                    if (port == null) {
                        port = port(value);
                    }
                }
                case "user" -> user = user == null ? value : user;
                case "hostname" -> hostName = hostName == null ? value : hostName;
                case "proxyjump" -> proxyJump = proxyJump == null ? value : proxyJump;
                case "batchmode" -> {
                    if (batchMode == null) {
                        batchMode = yesNo(value, "BatchMode");
                    }
                }
                case "password" -> password = password == null ? value : password;
                case "driver" -> {
                    String v = value.toLowerCase(Locale.ROOT);
                    if (!v.equals("blocking") && !v.equals("selector")) {
                        throw new UsageException("Driver must be blocking or selector, not '" + value + "'");
                    }
                    driver = driver == null ? v : driver;
                }
                default -> throw new UsageException("unsupported option -o " + s.substring(0, cut) + " (supported: "
                        + KNOWN + ")");
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static int port(String v) throws UsageException {
        try {
            int p = Integer.parseInt(v);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("bad port '" + v + "'");
    }

    private static int positiveInt(String v, String what) throws UsageException {
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(what + " must be a positive number, not '" + v + "'");
    }

    private static boolean yesNo(String v, String what) throws UsageException {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "yes":
                return true;
            case "no":
                return false;
            default:
                throw new UsageException(what + " must be yes or no, not '" + v + "'");
        }
    }

    /** OpenSSH time format: a number of seconds, or numbers with s, m, h, d, w suffixes (1h30m). */
    static Duration seconds(String v, String what) throws UsageException {
        if (v.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([smhdwSMHDW])").matcher(v);
        long total = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            switch (Character.toLowerCase(m.group(2).charAt(0))) {
                case 's' -> total += n;
                case 'm' -> total += n * 60;
                case 'h' -> total += n * 3600;
                case 'd' -> total += n * 86400;
                default -> total += n * 604800;
            }
            end = m.end();
        }
        if (end == 0 || end != v.length()) {
            throw new UsageException("bad time '" + v + "' for " + what);
        }
        return Duration.ofSeconds(total);
    }

    /** {@code RekeyLimit SIZE [TIME]}: SIZE with K, M or G suffix, or {@code default}; TIME as above or {@code none}. */
    private void rekeyLimit(String v) throws UsageException {
        String[] parts = v.split("\\s+");
        rekeySet = true;
        if (!parts[0].equals("default")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([kKmMgG]?)").matcher(parts[0]);
            if (!m.matches()) {
                throw new UsageException("bad RekeyLimit size '" + parts[0] + "'");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2).toLowerCase(Locale.ROOT);
            rekeyBytes = n << (unit.equals("k") ? 10 : unit.equals("m") ? 20 : unit.equals("g") ? 30 : 0);
            if (rekeyBytes < 16 * 1024) {
                throw new UsageException("RekeyLimit below 16K: '" + parts[0] + "'");
            }
        }
        if (parts.length > 1 && !parts[1].equals("none") && !parts[1].equals("default")) {
            rekeyInterval = seconds(parts[1], "RekeyLimit");
        }
    }

    static Path expand(String path) {
        if (path.equals("~")) {
            return Path.of(System.getProperty("user.home"));
        }
        if (path.startsWith("~/")) {
            return Path.of(System.getProperty("user.home"), path.substring(2));
        }
        return Path.of(path);
    }

    /**
     * An algorithm list in OpenSSH's syntax against {@code defaults}: {@code a,b} replaces,
     * {@code +a,b} appends, {@code -a*} removes (with {@code *} and {@code ?} wildcards),
     * {@code ^a,b} puts first.
     */
    static List<String> algorithms(String spec, List<String> defaults) throws UsageException {
        if (spec == null) {
            return null;
        }
        if (spec.isEmpty()) {
            throw new UsageException("empty algorithm list");
        }
        char op = spec.charAt(0);
        List<String> names = List.of((op == '+' || op == '-' || op == '^' ? spec.substring(1) : spec).split(","));
        Set<String> result = new LinkedHashSet<>();
        switch (op) {
            case '+' -> {
                result.addAll(defaults);
                result.addAll(names);
            }
            case '^' -> {
                result.addAll(names);
                result.addAll(defaults);
            }
            case '-' -> {
                for (String d : defaults) {
                    if (names.stream().noneMatch(p -> d.matches(glob(p)))) {
                        result.add(d);
                    }
                }
            }
            default -> result.addAll(names);
        }
        if (result.isEmpty()) {
            throw new UsageException("'" + spec + "' leaves no algorithm");
        }
        return new ArrayList<>(result);
    }

    private static String glob(String p) {
        StringBuilder b = new StringBuilder();
        for (char c : p.toCharArray()) {
            b.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return b.toString();
    }

    /** The library options these settings describe; {@code canAsk} says whether a prompt is possible. */
    ClientOptions toOptions(boolean canAsk, io.sanssh.drivers.api.HostKeyPrompt prompt) throws UsageException {
        TransportConfig defaults = TransportConfig.builder().build();
        ClientOptions.Builder b = ClientOptions.builder()
                .kexAlgorithms(algorithms(kex, defaults.kexAlgorithms()))
                .hostKeyAlgorithms(algorithms(hostKeyAlgorithms, defaults.hostKeyAlgorithms()))
                .ciphers(algorithms(ciphers, defaults.ciphers()))
                .macs(algorithms(macs, defaults.macs()));
        StrictHostKeyChecking mode = strict == null ? StrictHostKeyChecking.ASK : strict;
        if (mode == StrictHostKeyChecking.ASK && (!canAsk || Boolean.TRUE.equals(batchMode))) {
            mode = StrictHostKeyChecking.YES; // as ssh: nobody to ask, so unknown hosts fail
        }
        b.strictHostKeyChecking(mode).hostKeyPrompt(prompt);
        b.driver("selector".equals(driver) ? Driver.SELECTOR : Driver.BLOCKING);
        if (knownHosts != null) {
            b.knownHostsFile(knownHosts.toString().equals("/dev/null") ? null : knownHosts);
        }
        if (serverAliveInterval != null) {
            b.keepAliveInterval(serverAliveInterval);
        }
        if (serverAliveCountMax != null) {
            b.keepAliveCountMax(serverAliveCountMax);
        }
        if (rekeyBytes > 0) {
            b.rekeyBytes(rekeyBytes);
        }
        if (rekeyInterval != null && !rekeyInterval.isZero()) {
            b.rekeyInterval(rekeyInterval);
        }
        if (connectTimeout != null && !connectTimeout.isZero()) {
            b.connectTimeout(connectTimeout);
            b.timeout(connectTimeout.multipliedBy(2));
        }
        return b.build();
    }
}
