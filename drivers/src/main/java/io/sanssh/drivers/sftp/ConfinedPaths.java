package io.sanssh.drivers.sftp;

import io.sanssh.engine.sftp.SftpStatusException;
import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.wire.Bytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's view of the file system: a virtual tree whose "/" is a root directory, and the
 * mapping from the client's paths to real paths that never leave that root.
 *
 * <p>Two steps. First the client's path is made absolute (relative paths start at the home
 * directory) and normalised lexically: "." is dropped and ".." removes the previous component;
 * a ".." above "/" is refused. Then it is resolved on the file system: every directory on the
 * way is resolved with {@link Path#toRealPath}, which follows symbolic links, and the result must
 * lie inside the root; the final component is followed too when the operation follows links (at
 * most 40 links, as the kernel), and a link pointing out of the root, directly or through other
 * links, is refused with {@code SSH_FX_PERMISSION_DENIED}. A symbolic link inside the root that
 * points inside the root works as usual.
 *
 * <p>Between this check and the use of the path, another process with access to the real
 * directory could swap a component for a link; opening files with {@code NOFOLLOW_LINKS} closes
 * that window for the final component, and a server whose root only it writes has no such
 * process.
 */
final class ConfinedPaths {
    private static final int MAX_LINKS = 40;

    private final Path root;
    private final List<String> homeComponents;

    /** Confines to {@code root}, which must exist; relative client paths start at virtual {@code home}. */
    ConfinedPaths(Path root, String home) throws IOException {
        this.root = root.toRealPath();
        if (!Files.isDirectory(this.root)) {
            throw new IOException("the SFTP root is not a directory: " + root);
        }
        try {
            this.homeComponents = List.copyOf(normalise(List.of(), home.startsWith("/") ? home : "/" + home));
        } catch (SftpStatusException e) {
            throw new IllegalArgumentException("the home directory leaves the root: " + home);
        }
    }

    /** The real root directory. */
    Path root() {
        return root;
    }

    /** The home directory as the client sees it, e.g. "/" or "/home". */
    String home() {
        return toVirtual(homeComponents);
    }

    /** The client's path made absolute and normalised: its virtual components from the root. */
    List<String> components(Bytes path) throws SftpStatusException {
        return normalise(homeComponents, path.toUtf8());
    }

    /**
     * The real path of the client's {@code path}: every directory on the way resolved and
     * checked; the final component followed if {@code followFinal} and it is a link. The result
     * may not exist (for a file or directory about to be created); its parent always does.
     */
    Path resolve(Bytes path, boolean followFinal) throws SftpStatusException {
        return resolve(components(path), followFinal);
    }

    /** {@link #resolve(Bytes, boolean)} for virtual components. */
    Path resolve(List<String> comps, boolean followFinal) throws SftpStatusException {
        if (comps.isEmpty()) {
            return root;
        }
        Path parent = root;
        for (String c : comps.subList(0, comps.size() - 1)) {
            parent = parent.resolve(c);
        }
        Path p = realInside(parent).resolve(comps.get(comps.size() - 1));
        return followFinal ? follow(p, 0) : p;
    }

    /** Follows {@code p} while it is a symbolic link, checking every step against the root. */
    private Path follow(Path p, int depth) throws SftpStatusException {
        if (!Files.isSymbolicLink(p)) {
            return p;
        }
        if (depth >= MAX_LINKS) {
            throw new SftpStatusException(SftpConstants.SSH_FX_FAILURE, "Too many levels of symbolic links");
        }
        Path target;
        try {
            target = Files.readSymbolicLink(p);
        } catch (IOException e) {
            throw NioErrors.map(e);
        }
        Path joined = p.getParent().resolve(target);
        Path name = joined.getFileName();
        Path dir = joined.getParent();
        if (name == null || dir == null || name.toString().equals("..") || name.toString().equals(".")) {
            return realInside(joined);
        }
        return follow(realInside(dir).resolve(name), depth + 1);
    }

    /** {@code p} with every link resolved; it must exist and lie inside the root. */
    Path realInside(Path p) throws SftpStatusException {
        Path real;
        try {
            real = p.toRealPath();
        } catch (NoSuchFileException e) {
            throw new SftpStatusException(SftpConstants.SSH_FX_NO_SUCH_FILE);
        } catch (IOException e) {
            throw NioErrors.map(e);
        }
        if (!real.startsWith(root)) {
            throw escape();
        }
        return real;
    }

    /** Whether {@code real} is the root itself. */
    boolean isRoot(Path real) {
        return real.equals(root);
    }

    /** How the client sees the real path {@code real}, which lies inside the root. */
    String toVirtual(Path real) {
        if (!real.startsWith(root)) {
            throw new IllegalArgumentException("outside the root");
        }
        List<String> comps = new ArrayList<>();
        for (Path c : root.relativize(real)) {
            if (!c.toString().isEmpty()) {
                comps.add(c.toString());
            }
        }
        return toVirtual(comps);
    }

    /** The real path of virtual components, lexically (no file system access, no link check). */
    Path lexical(List<String> comps) {
        Path p = root;
        for (String c : comps) {
            p = p.resolve(c);
        }
        return p;
    }

    /** Whether {@code p} exists, not following a final link. */
    static boolean existsNoFollow(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    static String toVirtual(List<String> comps) {
        return comps.isEmpty() ? "/" : "/" + String.join("/", comps);
    }

    /** {@code path} made absolute against {@code base} and normalised; ".." above the root is refused. */
    static List<String> normalise(List<String> base, String path) throws SftpStatusException {
        if (path.indexOf('\0') >= 0) {
            throw new SftpStatusException(SftpConstants.SSH_FX_BAD_MESSAGE, "Bad message (NUL in path)");
        }
        List<String> out = new ArrayList<>(path.startsWith("/") ? List.of() : base);
        for (String c : path.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (out.isEmpty()) {
                    throw escape();
                }
                out.remove(out.size() - 1);
            } else {
                out.add(c);
            }
        }
        return out;
    }

    static SftpStatusException escape() {
        return new SftpStatusException(SftpConstants.SSH_FX_PERMISSION_DENIED, "Permission denied (outside the root)");
    }
}
