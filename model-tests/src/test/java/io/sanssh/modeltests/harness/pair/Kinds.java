package io.sanssh.modeltests.harness.pair;

/** Message kinds as {@code tla/SshMessages.tla} names them, for SSH message numbers. */
final class Kinds {
    private Kinds() {
    }

    /** The model's kind for message number {@code n}. */
    static String of(int n) {
        if (n == 20) {
            return "kexinit";
        }
        if (n == 21) {
            return "newkeys";
        }
        if (n >= 30 && n <= 49) {
            return "kexdh";
        }
        return switch (n) {
            case 1 -> "disconnect";
            case 2 -> "ignore";
            case 80 -> "global";
            case 81, 82 -> "reply";
            case 90 -> "open";
            case 91 -> "confirm";
            case 93 -> "adjust";
            case 94, 95 -> "data";
            case 96 -> "eof";
            case 97 -> "close";
            default -> "msg" + n;
        };
    }

    /** Kinds RFC 4253 section 7.1 lets through while our key exchange runs. */
    static boolean passesDuringKex(String kind) {
        return switch (kind) {
            case "kexinit", "kexdh", "newkeys", "disconnect", "ignore", "msg3", "msg4" -> true;
            default -> false;
        };
    }
}
